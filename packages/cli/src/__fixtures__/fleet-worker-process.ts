/**
 * `invoicekit fleet worker` in a process of its own, from source like `cli-process.ts`, with the
 * environment a test gives it (`DATABASE_URL`, `REDIS_URL` — or their absence), followed line by
 * line so a test can wait for what it printed.
 */
import { spawn } from 'node:child_process';
import { INVOICEKIT_COMMAND, INVOICEKIT_ENV, workDirectory } from './cli-process';

/** A running `invoicekit fleet worker`. */
export interface WorkerProcess {
  /** What it printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once a line of stdout matches. */
  printed(pattern: RegExp): Promise<void>;
  signal(name: NodeJS.Signals): void;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns `invoicekit fleet worker <args>`; `env` entries set to `undefined` are removed from the
 * inherited environment (a `REDIS_URL` the session has must not leak into a test without Redis).
 */
export function spawnFleetWorker(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = workDirectory(),
): WorkerProcess {
  const [node = process.execPath, ...flags] = INVOICEKIT_COMMAND;
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...INVOICEKIT_ENV, ...env }))
    if (value !== undefined) merged[name] = value;
  const child = spawn(node, [...flags, 'fleet', 'worker', ...args], {
    cwd,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const check = (): void => {
    for (const waiter of [...waiters])
      if (waiter.pattern.test(stdout)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    check();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    printed: (pattern) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ pattern, resolve });
        check();
        void exited.then(({ code }) =>
          reject(new Error(`the worker exited (${code}) before printing ${pattern}: ${stderr}`)),
        );
      }),
    signal: (name) => void child.kill(name),
    exited,
  };
}
