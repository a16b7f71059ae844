import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const child = fileURLToPath(new URL('./child.ts', import.meta.url));
const tsconfig = fileURLToPath(new URL('../../../tsconfig.base.json', import.meta.url));

/** What a child reported about its case, plus everything it wrote. */
export interface ChildReport {
  readonly code: string;
  readonly message?: string;
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly events: readonly unknown[];
  /** The child's whole stdout and stderr, for the canary search. */
  readonly output: string;
}

/** The child bundled into one plain script, so its memory is the library's, not a transpiler's. */
export interface BundledChild {
  readonly script: string;
  dispose(): void;
}

/**
 * Bundles `child.ts` with the workspace sources (the `@invoicekit/source` condition) into one
 * ESM file, the way an application's bundler would ship the library.
 */
export async function bundleChild(): Promise<BundledChild> {
  const dir = mkdtempSync(join(tmpdir(), 'invoicekit-hostile-'));
  const script = join(dir, 'child.mjs');
  await build({
    entryPoints: [child],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    conditions: ['@invoicekit/source'],
    tsconfig,
    logLevel: 'error',
    // CommonJS dependencies (axios's, tsyringe's) still call require in an ESM bundle.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  return { script, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs one case's client side in a fresh Node process (bounded to 60 s) and reads its report. */
export function runInChild(
  bundled: BundledChild,
  id: string,
  baseUrl: string,
): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [bundled.script, id, baseUrl], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    process_.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    process_.on('error', reject);
    process_.on('close', (status) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        const report = JSON.parse(line) as Omit<ChildReport, 'output'>;
        resolve({ ...report, output: `${stdout}\n${stderr}` });
      } catch {
        reject(
          new Error(
            `case ${id}: the child exited ${String(status)} without a report:\n${stderr.slice(0, 2000)}`,
          ),
        );
      }
    });
  });
}
