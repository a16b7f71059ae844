import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Tests run against the TypeScript sources of every workspace package, never against `dist/`.
 * Each package's `exports` map names its source file under the `@invoicekit/source` condition;
 * the same condition drives `customConditions` in tsconfig, so the type checker and the test
 * runner resolve `@invoicekit/core` identically without a build step.
 */
function workspaceSourceAliases(): { find: string; replacement: string }[] {
  const packagesDir = resolve(import.meta.dirname, 'packages');
  const aliases: { find: string; replacement: string }[] = [];
  for (const dir of readdirSync(packagesDir)) {
    const manifestPath = join(packagesDir, dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      name: string;
      exports?: Record<string, { '@invoicekit/source'?: string }>;
    };
    for (const [subpath, conditions] of Object.entries(manifest.exports ?? {})) {
      const source = conditions['@invoicekit/source'];
      if (!source) continue;
      aliases.push({
        find: subpath === '.' ? manifest.name : `${manifest.name}${subpath.slice(1)}`,
        replacement: join(packagesDir, dir, source),
      });
    }
  }
  // Longest specifier first so `@invoicekit/core/testing` wins over `@invoicekit/core`.
  return aliases.sort((a, b) => b.find.length - a.find.length);
}

export default defineConfig({
  // vite 8 transforms with Oxc: legacy (parameter) decorators for tsyringe, and no emitted
  // metadata, so tests behave exactly like the esbuild-built packages (every parameter uses @inject).
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: false } },
  resolve: {
    alias: workspaceSourceAliases().map(({ find, replacement }) => ({
      find: new RegExp(`^${find.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&')}$`),
      replacement,
    })),
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/**/*.test.ts'],
    // The hostile-vendor suite runs on its own (`pnpm test:hostile`): child processes, one by one.
    exclude: ['packages/hostile/**', '**/node_modules/**'],
    // Under CI a JSON report is written too, from which .ci/run prints "N passed, N failed".
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: '.ci/vitest-report.json' }]]
      : ['default'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
