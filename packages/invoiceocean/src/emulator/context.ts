import type { EmulatorRequest } from '@invoicekit/core/emulator';
import type { CalculatingStrategy } from '../config';
import type { ParsedPath } from './request';
import type { InvoiceOceanState } from './state';

/** Everything a route handler gets: the request, the account state and the emulator settings. */
export interface RouteContext {
  readonly request: EmulatorRequest;
  readonly path: ParsedPath;
  readonly body: Record<string, unknown>;
  readonly state: InvoiceOceanState;
  readonly settings: EmulatorSettings;
  /** Now, as a vendor timestamp and as a Warsaw date. */
  readonly timestamp: string;
  readonly today: string;
}

/** The account's configuration in the emulator. */
export interface EmulatorSettings {
  /** Base of `view_url` / `payment_url`, e.g. `https://acme.invoiceocean.com`. */
  readonly publicBase: string;
  readonly strategy: CalculatingStrategy;
  readonly defaultCurrency: string;
}

/** A deterministic 19-character public token (view links), like the vendor's. */
export function publicToken(kind: string, id: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let seed = BigInt(id) * 2654435761n + BigInt(kind.length) * 97n + 1013904223n;
  let token = '';
  for (let index = 0; index < 19; index += 1) {
    seed = BigInt.asUintN(64, seed * 6364136223846793005n + 1442695040888963407n);
    token += alphabet[Number(seed % 62n)];
  }
  return token;
}
