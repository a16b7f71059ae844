/**
 * Starts `worker-child.ts` in its own process (tsx as a loader of the child itself, so that a
 * SIGKILL kills the worker and nothing else) and follows its event lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FleetWorkerEvent } from '../jobs/fleet-worker';
import { TEST_DATABASE_URL } from './services';
import type { TenantCredentials } from './tenant-emulators';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const child = fileURLToPath(new URL('./worker-child.ts', import.meta.url));
const tsconfig = fileURLToPath(new URL('../../../../tsconfig.json', import.meta.url));

/** A worker event as the child prints it. */
export type PrintedEvent = (FleetWorkerEvent | { readonly type: 'ready'; readonly worker: string }) & {
  readonly pid: number;
};

/** A running worker process. */
export interface WorkerProcess {
  readonly process: ChildProcess;
  readonly pid: number;
  /** Every event it printed so far. */
  readonly events: PrintedEvent[];
  /** Resolves once it printed `ready`. */
  readonly ready: Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly stderr: () => string;
}

/** Spawns a worker with the fleet's environment. */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const worker = spawn(process.execPath, ['--import', tsx, '--conditions=@invoicekit/source', child], {
    env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: PrintedEvent[] = [];
  let stderr = '';
  let buffered = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  worker.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
      try {
        const event = JSON.parse(line) as PrintedEvent;
        events.push(event);
        if (event.type === 'ready') markReady();
      } catch {
        // Not an event line.
      }
    }
  });
  worker.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    worker.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { process: worker, pid: worker.pid ?? -1, events, ready, exited, stderr: () => stderr.slice(-4000) };
}

/**
 * The environment `worker-child.ts` reads: the test database and schemas, the tenants'
 * credentials (written to `directory/credentials.json`), slots and lease length.
 */
export function workerEnvironment(options: {
  readonly schema: string;
  readonly jobSchema: string;
  readonly credentials: Readonly<Record<string, TenantCredentials>>;
  readonly directory: string;
  readonly concurrency: number;
  readonly leaseMs: number;
}): Record<string, string> {
  const credentialsFile = join(options.directory, 'credentials.json');
  writeFileSync(credentialsFile, JSON.stringify(options.credentials));
  return {
    DATABASE_URL: TEST_DATABASE_URL,
    FLEET_SCHEMA: options.schema,
    FLEET_JOB_SCHEMA: options.jobSchema,
    FLEET_CREDENTIALS: credentialsFile,
    FLEET_CONCURRENCY: String(options.concurrency),
    FLEET_LEASE_MS: String(options.leaseMs),
  };
}
