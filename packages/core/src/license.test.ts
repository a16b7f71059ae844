import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const published = ['core', 'invoiceocean', 'billomat-style', 'plandocket', 'migrate', 'cli'];

describe('the licence', () => {
  it('is the MIT licence each package declares, at the root and in every published package', () => {
    const licence = readFileSync(new URL('LICENSE', root), 'utf8');
    expect(licence).toMatch(/^MIT License\n/);
    for (const name of published) {
      const pkg = JSON.parse(
        readFileSync(new URL(`packages/${name}/package.json`, root), 'utf8'),
      ) as { license?: string };
      expect(pkg.license, name).toBe('MIT');
      // npm packs a LICENSE beside package.json into every tarball.
      expect(readFileSync(new URL(`packages/${name}/LICENSE`, root), 'utf8'), name).toBe(licence);
    }
  });
});
