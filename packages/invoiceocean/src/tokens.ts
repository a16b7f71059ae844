import type { HttpTransport } from '@invoicekit/core';
import type { InjectionToken } from 'tsyringe';

/** The transport to the brand's `app.` host (partner API: accounts, users, login). */
export const INVOICEOCEAN_APP_TRANSPORT = Symbol.for(
  'invoicekit.invoiceocean.AppTransport',
) as InjectionToken<HttpTransport>;
