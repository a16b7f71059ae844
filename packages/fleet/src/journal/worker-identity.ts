import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** Who holds a lease and recorded a fact: a worker process, told apart even across restarts. */
export interface WorkerIdentity {
  /** `host:pid:random`, unique per process start. */
  readonly id: string;
  readonly host: string;
  readonly pid: number;
}

/** This process as a fleet worker. */
export function currentWorker(): WorkerIdentity {
  const host = hostname();
  return { id: `${host}:${process.pid}:${randomUUID().slice(0, 8)}`, host, pid: process.pid };
}
