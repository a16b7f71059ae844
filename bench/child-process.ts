/**
 * Runs a bench's servers (emulators) in a child process, so that their CPU and heap are not the
 * measured client's. The child prints one line of JSON when it is ready; the parent reads it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child started by {@link startChild}, with the JSON it announced. */
export interface BenchChild<T> {
  readonly ready: T;
  readonly process: ChildProcess;
  /** Ends the child and waits for it. */
  stop(): Promise<void>;
}

/**
 * Starts `script` with this process's Node and loader flags (tsx included) and waits for its
 * first line of output, parsed as JSON.
 */
export async function startChild<T>(
  script: string,
  env: Record<string, string> = {},
): Promise<BenchChild<T>> {
  const child = spawn(process.execPath, [...process.execArgv, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise<T>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`${script} exited (${code}) before it was ready`)),
    );
    lines.once('line', (line) => resolve(JSON.parse(line) as T));
  });
  return {
    ready,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
