import { parseInput } from '@invoicekit/core';
import { z } from 'zod';
import { REDIS_RATE_LIMITER } from './provider-id';

const BudgetKeyInputSchema = z.strictObject({
  provider: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, { message: 'a provider id such as "invoiceocean"' })
    .max(64),
  account: z
    .string()
    .trim()
    .min(1)
    .max(320)
    .regex(/^[^\s\p{Cc}]+$/u, { message: 'an account name without spaces or control characters' }),
});

/**
 * The budget key of one vendor account: `provider:account`, e.g.
 * `invoiceocean:acme.invoiceocean.com`, `plandocket:acme`, `billomat-style:owner@acme.example`.
 *
 * `account` is whatever names the account at the vendor — never a credential (an API token is a
 * secret, and keys travel into Redis, logs and errors):
 *
 * - InvoiceOcean family: the account's host, `{account}.{brand domain}` (`acme.fakturownia.pl`);
 * - Plandocket: the tenant (`acme`);
 * - method-style (FastBill / Monsum): the account's e-mail address.
 *
 * The account is trimmed and lower-cased: hosts and (in practice) e-mail addresses do not depend
 * on case, and should two spellings ever name different accounts, sharing one budget is the safe
 * mistake. Pure: the same input always gives the same key, in every process.
 *
 * @throws `ValidationError` naming `provider` or `account` when either is malformed
 */
export function budgetKey(provider: string, account: string): string {
  const parsed = parseInput(
    BudgetKeyInputSchema,
    { provider, account },
    { provider: REDIS_RATE_LIMITER, operation: 'budgetKey' },
  );
  return `${parsed.provider}:${parsed.account.toLowerCase()}`;
}
