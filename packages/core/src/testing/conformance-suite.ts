import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/emulator';
import type { FaultMatch } from '../emulator/faults';
import {
  AuthenticationError,
  NotFoundError,
  UnsupportedOperationError,
  ValidationError,
} from '../errors/errors';
import type { Invoice } from '../model/invoice';
import { ReminderSchema } from '../model/reminder';
import type { InvoiceCreateInput, InvoiceUpdateInput } from '../model/invoice-input';
import { toDecimal } from '../money/decimal';
import type { InvoiceAdapterV1 } from '../spec/adapter-v1';
import { CHANGE_CURSOR_PREFIX } from '../changes/change-cursor';
import { CUSTOMER_OPERATIONS, INVOICE_OPERATIONS } from '../spec/capabilities';
import { WebhookRejectedError } from '../webhooks/webhook-rejected-error';
import type { DefinedAdapter } from '../spec/define-adapter';
import { collect } from './collect';
import type { FakeClock } from './fake-clock';
import { findLeakedSecrets } from './secrets';

/** What the suite needs from one provider, built fresh for every test. */
export interface ConformanceHarness {
  /** The adapter under test, pointed at `emulator` (through nock or loopback HTTP). */
  readonly adapter: InvoiceAdapterV1;
  /** The same adapter configured with wrong credentials. */
  readonly adapterWithBadCredentials: InvoiceAdapterV1;
  readonly emulator: Emulator<never> | Emulator<unknown>;
  /** Every credential the adapters were given; none may appear in any error. */
  readonly secrets: readonly string[];
  /**
   * The fake clock the adapter sleeps on, when the harness injected one: the retry test then also
   * proves that the vendor's `Retry-After` was waited for.
   */
  readonly clock?: FakeClock;
  /**
   * Which request is the create, for the lost-response test: any POST by default. RPC-style
   * vendors, where reads are POSTs too, name the create's body (`{ body: /invoice\.create/ }`).
   */
  readonly createRequest?: FaultMatch;
  /** The page size the adapter requests, so the paging test can span several pages. */
  readonly pageSize: number;
  /** Puts `count` issued invoices straight into the emulator's state. */
  seedInvoices(count: number): void | Promise<void>;
  /** A valid create input for this vendor; `customerId` when the suite created one. */
  invoiceInput(context: {
    customerId: string | undefined;
    externalId?: string;
  }): InvoiceCreateInput;
  close(): Promise<void>;
}

/** Options of {@link runAdapterConformanceSuite}. */
export interface ConformanceSuiteOptions {
  /** Describes the run, e.g. `invoiceocean (nock, json)`. */
  readonly name: string;
  readonly setup: () => Promise<ConformanceHarness>;
}

type AnyOperation = (...args: unknown[]) => unknown;

/** Drains the first item of an iterable, so a lazily failing `list()` fails here. */
async function first(iterable: AsyncIterable<unknown>): Promise<unknown> {
  for await (const item of iterable) return item;
  return undefined;
}

/**
 * The shared contract every adapter passes against its own emulator (in the spirit of Omnipay's
 * GatewayTestCase): lifecycle, paging, not-found, validation before sending, authentication,
 * rate-limit retry, exactly-once create under a lost response, and capability-false operations.
 * Call it inside a vitest file; it registers one `describe` block.
 */
export function runAdapterConformanceSuite(options: ConformanceSuiteOptions): void {
  describe(`adapter conformance: ${options.name}`, () => {
    let harness: ConformanceHarness;
    beforeEach(async () => {
      harness = await options.setup();
    });
    afterEach(async () => {
      await harness.close();
    });

    const createCustomerIfSupported = async (): Promise<string | undefined> => {
      if (!harness.adapter.capabilities.customers.create) return undefined;
      const { data } = await harness.adapter.customers.create({
        kind: 'company',
        name: 'Conformance Test GmbH',
        email: 'billing@conformance.example',
        taxId: 'DE123456789',
        address: { street: 'Teststraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
      });
      return data.id;
    };

    /**
     * A fresh invoice to work on: created through the adapter, or — for a vendor whose API cannot
     * create invoices — seeded into the emulator and found by listing.
     */
    const aNewInvoice = async (customerId: string | undefined): Promise<Invoice> => {
      const { adapter } = harness;
      if (adapter.capabilities.invoices.create)
        return (await adapter.invoices.create(harness.invoiceInput({ customerId }))).data;
      const known = new Set((await collect(adapter.invoices.list())).map((invoice) => invoice.id));
      await harness.seedInvoices(1);
      const seeded = (await collect(adapter.invoices.list())).find(
        (invoice) => !known.has(invoice.id),
      );
      if (!seeded) throw new Error('seedInvoices(1) added no invoice the adapter lists');
      return seeded;
    };

    it('implements specification v1 and names its provider', () => {
      expect(harness.adapter.specificationVersion).toBe('v1');
      expect(harness.adapter.id).toMatch(/^[a-z][a-z0-9-]*$/);
    });

    it('runs the lifecycle: create → get → update → finalize → send → markPaid, and cancel', async () => {
      const { adapter } = harness;
      const customerId = await createCustomerIfSupported();
      const invoice = await aNewInvoice(customerId);
      expect(invoice.provider).toBe(adapter.id);
      expect(invoice.id).not.toBe('');
      expect(invoice.lines.length).toBeGreaterThan(0);
      const { net, tax, gross, due, paid } = invoice.totals;
      expect(toDecimal(net).plus(toDecimal(tax)).equals(toDecimal(gross))).toBe(true);
      expect(toDecimal(gross).minus(toDecimal(paid)).equals(toDecimal(due))).toBe(true);

      const fetched = await adapter.invoices.get(invoice.id);
      expect(fetched.id).toBe(invoice.id);
      expect(fetched.totals.gross).toBe(invoice.totals.gross);
      expect(fetched.raw).toBeDefined();

      if (adapter.capabilities.invoices.update) {
        const text = 'updated by the conformance suite';
        const updated = await adapter.invoices.update(invoice.id, { notes: text });
        // A vendor whose only notes are internal says so, and holds them as internalNotes.
        const notesHeld = !updated.warnings.some(
          (warning) => 'path' in warning && warning.path === 'notes',
        );
        const field = notesHeld ? 'notes' : 'internalNotes';
        if (!notesHeld) await adapter.invoices.update(invoice.id, { internalNotes: text });
        expect((await adapter.invoices.get(invoice.id))[field]).toBe(text);
        if (notesHeld) expect(updated.data.notes).toBe(text);
      }
      if (adapter.capabilities.invoices.finalize) {
        const finalized = await adapter.invoices.finalize(invoice.id);
        expect(finalized.data.status.canonical).toBe('issued');
        expect(finalized.data.number).not.toBeNull();
      }
      if (adapter.capabilities.invoices.send) {
        const sent = await adapter.invoices.send(invoice.id, {
          to: ['billing@conformance.example'],
        });
        expect(['sent', 'issued']).toContain(sent.data.status.canonical);
      }
      if (adapter.capabilities.invoices.markPaid) {
        const paidResult = await adapter.invoices.markPaid(invoice.id, {
          date: '2026-03-05',
          method: 'transfer',
        });
        expect(paidResult.data.status.canonical).toBe('paid');
        expect(paidResult.data.state.payment).toBe('paid');
        expect(paidResult.data.state.due).toBe('none');
        expect(toDecimal(paidResult.data.totals.due).isZero()).toBe(true);
        expect(paidResult.data.totals.paid).toBe(paidResult.data.totals.gross);
        // The payment is a record of its own, read back with its amount and date.
        const payments = await adapter.invoices.payments(invoice.id);
        expect(payments.map((payment) => [payment.amount, payment.date])).toEqual([
          [paidResult.data.totals.gross, '2026-03-05'],
        ]);
        expect((await adapter.invoices.get(invoice.id)).payments).toEqual(payments);
      }
      if (adapter.capabilities.invoices.cancel) {
        const other = await aNewInvoice(customerId);
        if (adapter.capabilities.invoices.finalize) await adapter.invoices.finalize(other.id);
        const canceled = await adapter.invoices.cancel(other.id);
        expect(canceled.data.status.canonical).toBe('canceled');
        // Canceling keeps the document's type, and a void document owes nothing.
        expect(canceled.data.type).toBe(other.type);
        expect(canceled.data.state).toMatchObject({ lifecycle: 'canceled', due: 'none' });
        expect(toDecimal(canceled.data.totals.due).isZero()).toBe(true);
      }
    });

    it('keeps the number given on create where the vendor lets the caller set it', async (context) => {
      const { adapter } = harness;
      const described = (adapter as Partial<DefinedAdapter<unknown>>).describeFields?.();
      const numberRule = described?.invoice?.find((field) => field.path === 'number');
      if (!adapter.capabilities.invoices.create || numberRule?.handling !== 'written')
        return context.skip('the vendor numbers invoices itself');
      const customerId = await createCustomerIfSupported();
      const created = await adapter.invoices.create({
        ...harness.invoiceInput({ customerId }),
        number: 'CONF/2026/0042',
      });
      expect(
        created.warnings.filter((warning) => 'path' in warning && warning.path === 'number'),
      ).toEqual([]);
      expect((await adapter.invoices.get(created.data.id)).number).toBe('CONF/2026/0042');
    });

    it('records a partial payment as partially_paid with the right amount due', async (context) => {
      const { adapter } = harness;
      if (!adapter.capabilities.invoices.partialPayments)
        return context.skip('the vendor has no partial payments');
      const customerId = await createCustomerIfSupported();
      const invoice = await aNewInvoice(customerId);
      if (adapter.capabilities.invoices.finalize) await adapter.invoices.finalize(invoice.id);
      const part = toDecimal(invoice.totals.gross).dividedBy(4).toDecimalPlaces(2).toString();
      const result = await adapter.invoices.markPaid(invoice.id, { amount: part });
      expect(result.data.status.canonical).toBe('partially_paid');
      expect(result.data.state.payment).toBe('partially_paid');
      const second = await adapter.invoices.markPaid(invoice.id, {
        amount: part,
        date: '2026-03-10',
        method: 'card',
      });
      // Two payments stay two records, each with its own amount and date.
      expect(second.data.payments).toHaveLength(2);
      for (const payment of second.data.payments)
        expect(toDecimal(payment.amount).equals(toDecimal(part))).toBe(true);
      expect(second.data.payments[1]?.date).toBe('2026-03-10');
      const listed = await collect(adapter.invoices.list({ status: ['partially_paid'] }));
      expect(listed.map((found) => found.id)).toContain(invoice.id);
      expect(toDecimal(result.data.totals.paid).equals(toDecimal(part))).toBe(true);
      expect(
        toDecimal(result.data.totals.due).equals(
          toDecimal(invoice.totals.gross).minus(toDecimal(part)),
        ),
      ).toBe(true);
    });

    it('lists every invoice across several pages, lazily and without duplicates', async () => {
      const count = harness.pageSize * 2 + 3;
      await harness.seedInvoices(count);
      const before = harness.emulator.requestCount;
      const invoices = await collect(harness.adapter.invoices.list());
      expect(invoices).toHaveLength(count);
      expect(new Set(invoices.map((invoice) => invoice.id)).size).toBe(count);
      expect(harness.emulator.requestCount - before).toBeGreaterThanOrEqual(3);
    });

    it("lists changes since a cursor: the cursor moves on after a full read, another list's is refused", async () => {
      await harness.seedInvoices(3);
      const listing = harness.adapter.invoices.list();
      const unread = listing.cursor();
      expect(unread.startsWith(CHANGE_CURSOR_PREFIX)).toBe(true);
      const all = await collect(listing);
      expect(all.length).toBeGreaterThanOrEqual(3);
      // Read to its end, the cursor has moved on from where the unread one stood.
      expect(listing.cursor().startsWith(CHANGE_CURSOR_PREFIX)).toBe(true);
      expect(listing.cursor()).not.toBe(unread);
      const changes = await collect(harness.adapter.invoices.list({ updatedSince: unread }));
      expect(changes.map((invoice) => invoice.id).sort()).toEqual(
        all.map((invoice) => invoice.id).sort(),
      );
      // Nothing is updated in the future: only records without an update time may be listed.
      const future = await collect(
        harness.adapter.invoices.list({ updatedSince: '2999-01-01T00:00:00Z' }),
      );
      expect(future.every((invoice) => invoice.updatedAt === null)).toBe(true);
      if (harness.adapter.capabilities.customers.list) {
        const customers = harness.adapter.customers.list();
        await collect(customers);
        const wrong = await first(
          harness.adapter.invoices.list({ updatedSince: customers.cursor() }),
        ).catch((error: unknown) => error);
        expect(wrong).toBeInstanceOf(ValidationError);
        expect((wrong as ValidationError).issues.map((issue) => issue.path)).toEqual([
          'updatedSince',
        ]);
      }
      // A bad timestamp is refused before anything is sent.
      const requests = harness.emulator.requestCount;
      const bad = await first(harness.adapter.invoices.list({ updatedSince: 'yesterday' })).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(bad).toBeInstanceOf(ValidationError);
      expect(harness.emulator.requestCount).toBe(requests);
    });

    it('reads webhooks where capabilities.webhooks is true, refusing an unauthenticated one', async () => {
      const { adapter } = harness;
      const delivery = { headers: { 'content-type': 'application/json' }, body: '{}' };
      const error = await (adapter.webhooks ?? { parse: () => Promise.reject(new Error('none')) })
        .parse(delivery, { secret: 'whsec-conformance-0001' })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      if (adapter.capabilities.webhooks) {
        expect(error).toBeInstanceOf(WebhookRejectedError);
        expect(String((error as Error).message)).not.toContain('whsec-conformance-0001');
      } else expect(error).toBeInstanceOf(UnsupportedOperationError);
    });

    it('answers an unknown id with NotFoundError', async () => {
      const error = await harness.adapter.invoices
        .get('987654321')
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ code: 'not_found', provider: harness.adapter.id });
    });

    it('rejects invalid input with a ValidationError naming the field, and sends nothing', async () => {
      const before = harness.emulator.requestCount;
      const { adapter } = harness;
      if (adapter.capabilities.invoices.create) {
        const valid = harness.invoiceInput({ customerId: undefined });
        const invalid = {
          ...valid,
          currency: 'EURO',
          lines: [{ ...valid.lines[0], unitPrice: 'twelve' }],
        } as unknown as InvoiceCreateInput;
        const error = await adapter.invoices.create(invalid).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ValidationError);
        const paths = (error as ValidationError).issues.map((issue) => issue.path);
        expect(paths).toContain('currency');
        expect(paths).toContain('lines.0.unitPrice');
      }
      if (adapter.capabilities.invoices.update) {
        const error = await adapter.invoices
          .update('1', { currency: 'EURO', dueDate: 'tomorrow' } as unknown as InvoiceUpdateInput)
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ValidationError);
        const paths = (error as ValidationError).issues.map((issue) => issue.path);
        expect(paths).toEqual(expect.arrayContaining(['currency', 'dueDate']));
      }
      expect(harness.emulator.requestCount).toBe(before);
    });

    it('reports bad input as a rejected promise (never a synchronous throw), lists on first next()', async () => {
      const { adapter } = harness;
      const before = harness.emulator.requestCount;
      let thrownSynchronously = false;
      let pending: Promise<unknown> | undefined;
      try {
        pending = adapter.invoices.get('');
      } catch {
        thrownSynchronously = true;
      }
      expect(thrownSynchronously).toBe(false);
      await expect(pending).rejects.toBeInstanceOf(ValidationError);
      const listing = adapter.invoices.list({ issuedFrom: 'not-a-date' });
      await expect(first(listing)).rejects.toBeInstanceOf(ValidationError);
      expect(harness.emulator.requestCount).toBe(before);
    });

    it('answers bad credentials with AuthenticationError that leaks no credential', async () => {
      const error = await first(harness.adapterWithBadCredentials.invoices.list()).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toMatchObject({
        code: 'authentication',
        provider: harness.adapter.id,
        retryable: false,
      });
      expect(findLeakedSecrets(error, harness.secrets)).toEqual([]);
    });

    it('leaks no credential from a vendor error, nor from the adapter object itself', async () => {
      const notFound = await harness.adapter.invoices
        .get('987654321')
        .catch((caught: unknown) => caught);
      expect(findLeakedSecrets(notFound, harness.secrets)).toEqual([]);
      // After real traffic, so that sockets, agents and caches are populated.
      expect(findLeakedSecrets(harness.adapter, harness.secrets)).toEqual([]);
      expect(findLeakedSecrets(harness.adapterWithBadCredentials, harness.secrets)).toEqual([]);
    });

    it('retries a 429 (with Retry-After) and a 503 on reads, then succeeds', async () => {
      await harness.seedInvoices(1);
      const [seeded] = await collect(harness.adapter.invoices.list());
      const before = harness.emulator.requestCount;
      // With a fake clock the 2 s wait costs nothing; on a real clock keep it at 0.
      harness.emulator.faults.inject({ kind: 'rate_limit', retryAfter: harness.clock ? 2 : 0 });
      harness.emulator.faults.inject({ kind: 'server_error', status: 503 });
      const sleepsBefore = harness.clock?.sleeps.length ?? 0;
      const invoice = await harness.adapter.invoices.get(seeded?.id ?? '');
      expect(invoice.id).toBe(seeded?.id);
      expect(harness.emulator.requestCount - before).toBe(3);
      if (harness.clock) expect(harness.clock.sleeps.slice(sleepsBefore)[0]).toBe(2000);
    });

    it('creates exactly one invoice when the response to a create is lost', async (context) => {
      const { adapter } = harness;
      if (!adapter.capabilities.idempotentCreate)
        return context.skip('the vendor cannot dedupe creates');
      const customerId = await createCustomerIfSupported();
      harness.emulator.faults.inject({
        kind: 'response_lost',
        match: harness.createRequest ?? { method: 'POST' },
      });
      const before = harness.emulator.requestCount;
      const created = await adapter.invoices.create(
        harness.invoiceInput({ customerId, externalId: 'conformance-once-1' }),
      );
      const again = await adapter.invoices.create(
        harness.invoiceInput({ customerId, externalId: 'conformance-once-1' }),
      );
      expect(again.data.id).toBe(created.data.id);
      expect(again.existed).toBe(true);
      // The fault struck: the create was answered through a retry or a look-up, not first time.
      expect(harness.emulator.faults.pending).toBe(0);
      expect(harness.emulator.requestCount - before).toBeGreaterThan(2);
      const all = await collect(adapter.invoices.list());
      expect(all.filter((invoice) => invoice.externalId === 'conformance-once-1')).toHaveLength(1);
    });

    it('deletes an invoice when invoices.delete is true: it is gone afterwards', async (context) => {
      const { adapter } = harness;
      if (!adapter.capabilities.invoices.delete)
        return context.skip('invoices.delete is false: the capability-false test covers it');
      const invoice = await aNewInvoice(await createCustomerIfSupported());
      await adapter.invoices.delete(invoice.id);
      await expect(adapter.invoices.get(invoice.id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('downloads a PDF when invoices.downloadPdf is true', async (context) => {
      const { adapter } = harness;
      if (!adapter.capabilities.invoices.downloadPdf)
        return context.skip('invoices.downloadPdf is false: the capability-false test covers it');
      const invoice = await aNewInvoice(await createCustomerIfSupported());
      // Drafts have no document at some vendors: the issued invoice is what gets printed.
      if (adapter.capabilities.invoices.finalize && invoice.status.canonical === 'draft')
        await adapter.invoices.finalize(invoice.id);
      const pdf = await adapter.invoices.downloadPdf(invoice.id);
      expect(pdf.contentType).toMatch(/pdf/);
      expect(pdf.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });

    it('lists reminders when invoices.reminders is true, as canonical reminders', async (context) => {
      const { adapter } = harness;
      if (!adapter.capabilities.invoices.reminders)
        return context.skip('invoices.reminders is false: the capability-false test covers it');
      const invoice = await aNewInvoice(await createCustomerIfSupported());
      if (adapter.capabilities.invoices.finalize && invoice.status.canonical === 'draft')
        await adapter.invoices.finalize(invoice.id);
      const reminders = await adapter.invoices.reminders(invoice.id);
      expect(Array.isArray(reminders)).toBe(true);
      for (const reminder of reminders) expect(ReminderSchema.parse(reminder)).toEqual(reminder);
      await expect(adapter.invoices.reminders('999999999')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('reads, updates and deletes a customer when those capabilities are true', async (context) => {
      const { adapter } = harness;
      const { customers } = adapter.capabilities;
      if (!customers.create || !(customers.get || customers.update || customers.delete))
        return context.skip('customers cannot be created here, so there is none to work on');
      const id = await createCustomerIfSupported();
      if (id === undefined) throw new Error('customers.create is true but made no customer');
      if (customers.get) {
        const customer = await adapter.customers.get(id);
        expect(customer).toMatchObject({ id, name: 'Conformance Test GmbH' });
        expect(customer.raw).toBeDefined();
      }
      if (customers.update) {
        const { data } = await adapter.customers.update(id, {
          email: 'accounts@conformance.example',
        });
        expect(data.email).toBe('accounts@conformance.example');
        if (customers.get)
          expect((await adapter.customers.get(id)).email).toBe('accounts@conformance.example');
      }
      if (customers.list) {
        const listed = await collect(
          adapter.customers.list({ email: 'accounts@conformance.example' }),
        );
        if (customers.update) expect(listed.map((customer) => customer.id)).toContain(id);
      }
      if (customers.delete) {
        await adapter.customers.delete(id);
        if (customers.get)
          await expect(adapter.customers.get(id)).rejects.toBeInstanceOf(NotFoundError);
      }
    });

    it('throws UnsupportedOperationError for every capability that is false, sending nothing', async () => {
      const { adapter } = harness;
      const before = harness.emulator.requestCount;
      const calls: [string, () => unknown][] = [
        ...INVOICE_OPERATIONS.filter((operation) => !adapter.capabilities.invoices[operation]).map(
          (operation): [string, () => unknown] => [
            `invoices.${operation}`,
            () => (adapter.invoices[operation] as AnyOperation)('1'),
          ],
        ),
        ...CUSTOMER_OPERATIONS.filter(
          (operation) => !adapter.capabilities.customers[operation],
        ).map((operation): [string, () => unknown] => [
          `customers.${operation}`,
          () => (adapter.customers[operation] as AnyOperation)('1'),
        ]),
      ];
      for (const [name, call] of calls) {
        const result = call();
        const settled =
          typeof result === 'object' && result !== null && Symbol.asyncIterator in result
            ? first(result as AsyncIterable<unknown>)
            : Promise.resolve(result);
        const error = await settled.then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error, name).toBeInstanceOf(UnsupportedOperationError);
        expect((error as UnsupportedOperationError).operation, name).toBe(name);
      }
      expect(harness.emulator.requestCount).toBe(before);
    });
  });
}
