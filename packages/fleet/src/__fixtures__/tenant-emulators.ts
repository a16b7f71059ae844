/**
 * Every tenant's two vendor accounts — a seeded Plandocket source and an empty InvoiceOcean
 * target, each its own emulator with its own credentials — behind one loopback server that
 * routes `/<tenant>/source/…` and `/<tenant>/target/…` to them. What a fleet test's workers (in
 * other processes) reach, with the credentials file their resolver reads.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  encodeResponse,
  toEmulatorRequest,
  type Emulator,
} from '@invoicekit/core/emulator';
import { createInvoiceOceanEmulator } from '@invoicekit/invoiceocean/emulator';
import { createPlandocketEmulator, type PlandocketSeed } from '@invoicekit/plandocket/emulator';

const STATUSES = ['sent', 'sent', 'paid', 'cancelled'] as const;

/** A tenant's book: `count` invoices of 5 customers, every fourth paid, every fourth canceled. */
export function tenantBook(tenantIndex: number, count: number): PlandocketSeed {
  const indexes = Array.from({ length: count }, (_, index) => index);
  return {
    contacts: Array.from({ length: 5 }, (_, index) => ({
      id: index + 1,
      company_name: `Tenant ${tenantIndex} Kunde ${index + 1} GmbH`,
      email: `k${index + 1}@t${tenantIndex}.example`,
    })),
    invoices: indexes.map((index) => ({
      id: 10_000 + index,
      contact_id: (index % 5) + 1,
      status: STATUSES[index % STATUSES.length],
      items: [
        { description: 'Standmiete', quantity: String(1 + (index % 3)), unit_price: '250.00', tax_rate: '19' },
        { description: 'Ausweis', quantity: '2', unit_price: '15.00', tax_rate: '19' },
      ],
    })),
    payments: indexes
      .filter((index) => STATUSES[index % STATUSES.length] === 'paid')
      .map((index) => ({
        invoice_id: 10_000 + index,
        amount: index % 3 === 0 ? '327.25' : index % 3 === 1 ? '624.75' : '922.25',
      })),
  };
}

/** A tenant's adapter configurations, as a credentials resolver returns them. */
export interface TenantCredentials {
  readonly source: { readonly provider: 'plandocket'; readonly baseUrl: string; readonly apiKey: string };
  readonly target: { readonly provider: 'invoiceocean'; readonly baseUrl: string; readonly apiToken: string };
}

/** What {@link serveTenantEmulators} returns. */
export interface TenantEmulators {
  readonly baseUrl: string;
  readonly credentials: Readonly<Record<string, TenantCredentials>>;
  /** A tenant's source emulator (to change its book). */
  source(tenantId: string): Emulator<PlandocketSeed>;
  /** A tenant's target emulator (to count what was written). */
  target(tenantId: string): Emulator<unknown>;
  /** Every target emptied, every source seeded again: the state right after serving. */
  reset(): void;
  close(): Promise<void>;
}

/** Serves `tenants` tenants (`t-01`, `t-02` …) with `invoices` invoices each. */
export async function serveTenantEmulators(options: {
  readonly tenants: number;
  readonly invoices: number;
  readonly latencyMs: number;
}): Promise<TenantEmulators> {
  const emulators = new Map<string, Emulator<unknown>>();
  const credentials: Record<string, TenantCredentials> = {};
  const tenantIds = Array.from({ length: options.tenants }, (_, index) => `t-${String(index + 1).padStart(2, '0')}`);
  const prepare = (): void => {
    tenantIds.forEach((tenantId, index) => {
      const source = emulators.get(`${tenantId}/source`) as Emulator<PlandocketSeed>;
      const target = emulators.get(`${tenantId}/target`) as Emulator<unknown>;
      for (const side of [source, target]) {
        side.reset();
        if (options.latencyMs > 0) side.faults.inject({ kind: 'latency', ms: options.latencyMs, times: Infinity });
      }
      source.seed(tenantBook(index + 1, options.invoices));
    });
  };
  for (const tenantId of tenantIds) {
    const source = createPlandocketEmulator({ apiKey: `pd-key-${tenantId}-0123456789` });
    const target = createInvoiceOceanEmulator({ apiToken: `io-token-${tenantId}-0123456789`, account: tenantId });
    emulators.set(`${tenantId}/source`, source as Emulator<unknown>);
    emulators.set(`${tenantId}/target`, target as Emulator<unknown>);
  }
  prepare();
  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const request = await toEmulatorRequest(incoming);
      const [, tenant, side, ...rest] = request.path.split('/');
      const emulator = emulators.get(`${tenant}/${side}`);
      if (!emulator) {
        outgoing.writeHead(404).end();
        return;
      }
      const outcome = await emulator.handle({ ...request, path: `/${rest.join('/')}` });
      if (outcome.kind === 'drop') {
        incoming.socket.destroy();
        return;
      }
      const { body, headers } = encodeResponse(outcome.response);
      outgoing.writeHead(outcome.response.status, { ...headers, 'content-length': String(body.length) });
      outgoing.end(body);
    })().catch((error: unknown) => {
      outgoing.writeHead(500, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ error: 'emulator failure', message: String(error) }));
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const tenantId of tenantIds)
    credentials[tenantId] = {
      source: { provider: 'plandocket', baseUrl: `${baseUrl}/${tenantId}/source`, apiKey: `pd-key-${tenantId}-0123456789` },
      target: {
        provider: 'invoiceocean',
        baseUrl: `${baseUrl}/${tenantId}/target`,
        apiToken: `io-token-${tenantId}-0123456789/${tenantId}`,
      },
    };
  return {
    baseUrl,
    credentials,
    source: (tenantId) => {
      const found = emulators.get(`${tenantId}/source`);
      if (!found) throw new Error(`no tenant ${tenantId}`);
      return found as Emulator<PlandocketSeed>;
    },
    target: (tenantId) => {
      const found = emulators.get(`${tenantId}/target`);
      if (!found) throw new Error(`no tenant ${tenantId}`);
      return found;
    },
    reset: prepare,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
