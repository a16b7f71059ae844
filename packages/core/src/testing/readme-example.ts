/**
 * A README example as a test file holds it: the imports between `// readme:imports` and
 * `// readme:imports-end`, a blank line, then the body between `// readme:start` and
 * `// readme:end`, one indentation level out — as a fenced `ts` block. A package's README test
 * runs that code and checks the README contains this block verbatim, so the two cannot drift.
 */
export function readmeExampleIn(source: string): string {
  const lines = source.split('\n');
  const between = (start: string, end: string): string[] => {
    const from = lines.findIndex((line) => line.trim() === start);
    const to = lines.findIndex((line, index) => index > from && line.trim() === end);
    if (from === -1 || to === -1) throw new Error(`no ${start} … ${end} in the test`);
    return lines.slice(from + 1, to);
  };
  const imports = between('// readme:imports', '// readme:imports-end');
  const body = between('// readme:start', '// readme:end').map((line) => line.replace(/^ {2}/, ''));
  return ['```ts', ...imports, '', ...body, '```'].join('\n');
}
