import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { capabilityMatrix, withCurrentMatrix } from './capability-matrix';

describe('the capability matrix', () => {
  it('is generated from the adapters: Plandocket cannot create, InvoiceOcean has no drafts', () => {
    const matrix = capabilityMatrix();
    expect(matrix).toMatch(/\| invoices\.create +\| ✓ +\| ✓ +\| — +\|/);
    expect(matrix).toMatch(/\| drafts +\| — +\| ✓ +\| — +\|/);
  });

  it('in the README is current (run `pnpm invoicekit capabilities --update README.md`)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(withCurrentMatrix(readme)).toBe(readme);
  });
});
