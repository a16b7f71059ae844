/**
 * Runs `migration-child.ts` in its own process; with `killAfter`, sends SIGKILL once the target
 * emulator has received that many more requests — in the middle of whatever the run is doing.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// tsx as a loader of the child itself: its CLI would run the migration in a grandchild that a
// SIGKILL of the CLI leaves running (it went on until its next write to the closed pipe).
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const child = fileURLToPath(new URL('./migration-child.ts', import.meta.url));
const tsconfig = fileURLToPath(new URL('../../../../tsconfig.json', import.meta.url));

/** Resolves `killed` when it was killed, `finished` when it exited 0; rejects otherwise. */
export function runChild(
  env: Record<string, string>,
  target: { requestCount: number },
  killAfter?: number,
): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const start = target.requestCount;
    const process_ = spawn(
      process.execPath,
      ['--import', tsx, '--conditions=@invoicekit/source', child],
      {
        env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const watch =
      killAfter === undefined
        ? undefined
        : setInterval(() => {
            if (target.requestCount - start >= killAfter) process_.kill('SIGKILL');
          }, 1);
    process_.on('exit', (code, signal) => {
      if (watch) clearInterval(watch);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`the child run failed (${code}): ${stderr.slice(-2000)}`));
    });
  });
}
