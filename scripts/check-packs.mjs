// What `npm pack` of every published package would contain: LICENSE, README.md and package.json,
// and otherwise only `dist/` and `src/` (kept for source maps) — no tests, fixtures or stray files.
// Run after `pnpm build` (the `lint` script builds).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const required = ['LICENSE', 'README.md', 'package.json'];
const problems = [];
for (const name of readdirSync(join(root, 'packages'))) {
  const directory = join(root, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  const [pack] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: directory,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  const files = pack.files.map((file) => file.path);
  for (const file of required)
    if (!files.includes(file)) problems.push(`${manifest.name}: ${file} is missing`);
  for (const file of files) {
    if (required.includes(file)) continue;
    if (!file.startsWith('dist/') && !file.startsWith('src/'))
      problems.push(`${manifest.name}: ${file} is outside dist/ and src/`);
    if (/\.test\.ts$|__fixtures__/.test(file))
      problems.push(`${manifest.name}: ${file} is a test or a fixture`);
  }
  if (!files.some((file) => file.startsWith('dist/')))
    problems.push(`${manifest.name}: dist/ is empty (build first)`);
  console.log(
    `${manifest.name}@${manifest.version}: ${files.length} files, ${pack.size} bytes packed`,
  );
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
