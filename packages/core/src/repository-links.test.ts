/**
 * Everything the repository cites is in the repository: a section citation names the in-repo file
 * it cites, a relative Markdown link resolves to a file, and nothing points at the team's notes
 * outside the repository (they were copied to `docs/vendors/`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

/** The section sign, spelled out so that this file does not cite anything itself. */
const SECTION = '\u00a7';
/** Paths that lead outside the repository, spelled in parts for the same reason. */
const OUTSIDE = ['../' + 'shared', 'shared' + '/reference'];

const SOURCE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
const MARKDOWN = /\.md$/;
/** Read for paths outside the repository only. */
const DATA = /\.(?:json|jsonc|ya?ml)$/;

/** The vendor notes cite their own sections and the vendors' documents by section. */
const SELF_CITING = /^docs\/vendors\/[^/]+\.md$/;

/** Tracked and new (not ignored) files, from git; a walk of the tree when git is not there. */
function repositoryFiles(): string[] {
  try {
    const out = execFileSync(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    return [...new Set(out.split('\0').filter(Boolean))].filter((file) =>
      existsSync(join(ROOT, file)),
    );
  } catch {
    return walk(ROOT);
  }
}

function walk(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'coverage', '.git'].includes(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(full));
    else files.push(relative(ROOT, full).split(sep).join('/'));
  }
  return files;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** The nearest directory above `file` (repository-relative) that holds a package.json. */
function packageRootOf(file: string): string {
  let dir = dirname(join(ROOT, file));
  while (dir.startsWith(ROOT) && dir !== ROOT) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return ROOT;
}

/**
 * Whether `path`, as written in `file`, names a file: from the repository root, the package root
 * or the file's directory.
 */
function resolvesFrom(file: string, path: string): boolean {
  const bases = [ROOT, packageRootOf(file), dirname(join(ROOT, file))];
  return bases.some((base) => isFile(resolve(base, path)));
}

const PATH_TOKEN = /[\w@.-]+(?:\/[\w@.-]+)*\.(?:md|ts|js|json|txt)\b/g;

export interface Finding {
  file: string;
  line: number;
  problem: string;
}

/** (a) Every section citation is preceded on its line by the path of an existing file. */
export function uncitedSections(file: string, text: string): Finding[] {
  if (SELF_CITING.test(file)) return [];
  const findings: Finding[] = [];
  text.split('\n').forEach((line, index) => {
    let at = line.indexOf(SECTION);
    while (at !== -1) {
      const before = line.slice(0, at);
      const paths = before.match(PATH_TOKEN) ?? [];
      if (!paths.some((path) => resolvesFrom(file, path)))
        findings.push({
          file,
          line: index + 1,
          problem: `${SECTION} cited without an in-repo file: ${line.trim()}`,
        });
      at = line.indexOf(SECTION, at + 1);
    }
  });
  return findings;
}

/** Markdown without its fenced code blocks and inline code spans (line numbers kept). */
function proseOf(text: string): string {
  let fenced = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return '';
      }
      return fenced ? '' : line.replace(/`[^`]*`/g, '``');
    })
    .join('\n');
}

/** (b) Every relative Markdown link resolves to an existing file or directory. */
export function brokenLinks(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const inline = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
  const reference = /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/;
  proseOf(text)
    .split('\n')
    .forEach((line, index) => {
      const targets = [...line.matchAll(inline)].map((match) => match[1] ?? '');
      const ref = reference.exec(line)?.[1];
      if (ref) targets.push(ref);
      for (const target of targets) {
        if (/^(?:[a-z][a-z0-9+.-]*:|#|\/\/)/i.test(target)) continue;
        const path = decodeURIComponent(target.replace(/[#?].*$/, ''));
        if (path === '') continue;
        if (!existsSync(resolve(dirname(join(ROOT, file)), path)))
          findings.push({ file, line: index + 1, problem: `broken link: ${target}` });
      }
    });
  return findings;
}

/** (c) No mention of the notes outside the repository. */
export function outsidePaths(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((line, index) => {
    for (const outside of OUTSIDE)
      if (line.includes(outside))
        findings.push({
          file,
          line: index + 1,
          problem: `path outside the repository: ${outside}`,
        });
  });
  return findings;
}

function format(findings: Finding[]): string[] {
  return findings.map(({ file, line, problem }) => `${file}:${line}: ${problem}`);
}

describe('what the repository cites is in the repository', () => {
  const files = repositoryFiles().filter((file) => !file.split('/').includes('node_modules'));
  const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

  it('finds the files it checks', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('docs/vendors/invoiceocean.md');
    expect(files.filter((file) => SOURCE.test(file)).length).toBeGreaterThan(100);
  });

  it('cites every section with the in-repo file it is in', () => {
    const findings = files
      .filter((file) => SOURCE.test(file) || MARKDOWN.test(file))
      .flatMap((file) => uncitedSections(file, read(file)));
    expect(format(findings)).toEqual([]);
  });

  it('links only to files that exist', () => {
    const findings = files
      .filter((file) => MARKDOWN.test(file))
      .flatMap((file) => brokenLinks(file, read(file)));
    expect(format(findings)).toEqual([]);
  });

  it('names no path outside the repository', () => {
    const findings = files
      .filter((file) => SOURCE.test(file) || MARKDOWN.test(file) || DATA.test(file))
      .flatMap((file) => outsidePaths(file, read(file)));
    expect(format(findings)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const file = 'packages/plandocket/src/example.ts';

  it('refuse a section cited without a file, or with a file that does not exist', () => {
    expect(uncitedSections(file, `// the vendor's errors (reference ${SECTION}5)`)).toHaveLength(1);
    expect(uncitedSections(file, `// (docs/vendors/nowhere.md ${SECTION}5)`)).toHaveLength(1);
    expect(
      uncitedSections(file, `// (docs/vendors/plandocket.md ${SECTION}5, ${SECTION}7)`),
    ).toEqual([]);
    expect(
      uncitedSections('packages/invoiceocean/src/x.ts', `// docs/vendor-dialects.md ${SECTION}1`),
    ).toEqual([]);
  });

  it('refuse a relative link to nothing, and let anchors and URLs pass', () => {
    const readme = 'packages/core/README.md';
    expect(brokenLinks(readme, '[notes](../../../outside/notes.md)')).toHaveLength(1);
    expect(brokenLinks(readme, '[gone](missing.md#part)')).toHaveLength(1);
    expect(
      brokenLinks(
        readme,
        '[root](../../README.md#set-up) [here](#usage) [web](https://example.com/x.md)\n' +
          '```md\n[in code](nowhere.md)\n```',
      ),
    ).toEqual([]);
  });

  it('refuse a path outside the repository', () => {
    expect(outsidePaths(file, `// see ${OUTSIDE[0]}/fixtures/x.json`)).toHaveLength(1);
    expect(outsidePaths(file, `// see ${OUTSIDE[1]}/plandocket-api.md`)).toHaveLength(1);
    expect(outsidePaths(file, '// see docs/vendors/plandocket.md')).toEqual([]);
  });
});
