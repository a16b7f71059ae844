import {
  CustomerCreateInputSchema,
  InvoicekitError,
  ProviderError,
  UnsupportedOperationError,
  type AdapterWarning,
  type Customer,
  type CustomerCreateInput,
  type CustomerListQuery,
  type Invoice,
  type InvoiceAdapterV1,
  type PartySnapshot,
} from '@invoicekit/core';
import type { MigrationJournal } from './journal';
import { validFields } from './valid-fields';

/** The fields a source party may hold: a customer record has more than a buyer snapshot. */
type SourceParty = Customer | PartySnapshot;

const held = <T>(value: T | null | undefined): T | undefined =>
  value === null || value === '' ? undefined : value;

function addressOf(party: SourceParty): CustomerCreateInput['address'] {
  if (!party.address) return undefined;
  const address = Object.fromEntries(
    Object.entries(party.address).filter(([, value]) => value !== null),
  );
  return Object.keys(address).length > 0 ? address : undefined;
}

function bankOf(party: SourceParty): CustomerCreateInput['bank'] {
  if (!('bank' in party) || !party.bank) return undefined;
  const bank = Object.fromEntries(Object.entries(party.bank).filter(([, value]) => value !== null));
  return Object.keys(bank).length > 0 ? bank : undefined;
}

/**
 * How every field of the target's customer input is filled from the source party: the compiler
 * refuses this table when the canonical customer input gains a field it does not fill.
 */
const CUSTOMER_INPUT_FROM_SOURCE = {
  kind: (party) => party.kind,
  name: (party) => party.name || 'Unnamed customer',
  firstName: (party) => held(party.firstName),
  lastName: (party) => held(party.lastName),
  taxId: (party) => held(party.taxId),
  email: (party) => held(party.email),
  phone: (party) => held(party.phone),
  address: addressOf,
  bank: bankOf,
  customerNumber: (party) => ('customerNumber' in party ? held(party.customerNumber) : undefined),
  externalId: (_party, externalId) => externalId,
  notes: (party) => ('notes' in party ? held(party.notes) : undefined),
  // Vendor extras belong to one vendor; a migration carries canonical fields only.
  providerOptions: () => undefined,
} as const satisfies {
  readonly [Key in keyof CustomerCreateInput]-?: (
    party: SourceParty,
    externalId: string,
  ) => CustomerCreateInput[Key] | undefined;
};

/**
 * A party (a source customer, or an invoice's buyer snapshot) as a target create input, with a
 * warning for each value that is not valid canonical input and so is not carried.
 */
export function toCustomerWrite(
  party: SourceParty,
  externalId: string,
): { input: CustomerCreateInput; warnings: AdapterWarning[] } {
  const filled: Record<string, unknown> = {};
  for (const [field, from] of Object.entries(CUSTOMER_INPUT_FROM_SOURCE)) {
    const value = (from as (p: SourceParty, e: string) => unknown)(party, externalId);
    if (value !== undefined) filled[field] = value;
  }
  const { value, warnings } = validFields(CustomerCreateInputSchema, filled);
  return { input: value as CustomerCreateInput, warnings };
}

/** {@link toCustomerWrite} without its warnings. */
export function toCustomerInput(party: SourceParty, externalId: string): CustomerCreateInput {
  return toCustomerWrite(party, externalId).input;
}

/** The first target customer a query finds; a filter the target lacks finds nothing. */
async function firstMatch(
  target: InvoiceAdapterV1,
  query: CustomerListQuery,
  accept: (customer: Customer) => boolean,
): Promise<Customer | undefined> {
  try {
    for await (const customer of target.customers.list(query))
      if (accept(customer)) return customer;
  } catch (error) {
    if (error instanceof UnsupportedOperationError) return undefined;
    throw error;
  }
  return undefined;
}

/**
 * Maps each source customer to a target customer once, and remembers it (in the journal, so a
 * resumed run reuses it). A customer is matched in the target by tax id, then e-mail, then the
 * migration's external id, and created only when none matches. Concurrent invoices of one
 * customer share one look-up.
 */
export class CustomerMapper {
  private readonly known = new Map<string, string>();
  private readonly pending = new Map<string, Promise<{ id: string; warnings: AdapterWarning[] }>>();

  constructor(
    private readonly from: InvoiceAdapterV1,
    private readonly to: InvoiceAdapterV1,
    private readonly journal: MigrationJournal,
  ) {
    for (const entry of journal.entries())
      if (entry.kind === 'customer') this.known.set(entry.sourceId, entry.targetId);
  }

  /** The source customer's key: its id, or the buyer snapshot's identity. */
  static keyOf(invoice: Invoice): string {
    const { id, snapshot } = invoice.customer;
    if (id !== null) return id;
    return `snapshot:${snapshot?.taxId ?? ''}:${snapshot?.email ?? ''}:${snapshot?.name ?? ''}`;
  }

  async targetIdFor(invoice: Invoice): Promise<{ id: string; warnings: AdapterWarning[] }> {
    const key = CustomerMapper.keyOf(invoice);
    const known = this.known.get(key);
    if (known !== undefined) return { id: known, warnings: [] };
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.resolve(key, invoice);
      this.pending.set(key, pending);
      // A failed look-up is not remembered: the customer's next invoice tries again — unless the
      // create's outcome is unknown: the target may hold the customer, and a second create could
      // make a duplicate. Its invoices wait for the next run, which finds it by its external id.
      pending.catch((error: unknown) => {
        if (!(InvoicekitError.isInvoicekitError(error) && error.code === 'outcome_unknown'))
          this.pending.delete(key);
      });
    }
    return pending;
  }

  private async resolve(
    key: string,
    invoice: Invoice,
  ): Promise<{ id: string; warnings: AdapterWarning[] }> {
    const party: Customer | PartySnapshot | null =
      invoice.customer.id !== null && this.from.capabilities.customers.get
        ? await this.from.customers.get(invoice.customer.id)
        : invoice.customer.snapshot;
    if (!party)
      throw new ProviderError({
        provider: this.from.id,
        message: `invoice ${invoice.id} names no customer`,
      });
    const externalId = `invoicekit:${this.from.id}:customer:${key}`;
    const match =
      (party.taxId
        ? await firstMatch(this.to, { taxId: party.taxId }, (found) => found.taxId === party.taxId)
        : undefined) ??
      (party.email
        ? await firstMatch(
            this.to,
            { email: party.email },
            (found) => found.email?.toLowerCase() === party.email?.toLowerCase(),
          )
        : undefined) ??
      (await firstMatch(this.to, { externalId }, (found) => found.externalId === externalId));
    let id: string;
    let warnings: AdapterWarning[] = [];
    if (match) id = match.id;
    else {
      const write = toCustomerWrite(party, externalId);
      const created = await this.to.customers.create(write.input);
      id = created.data.id;
      // At `customer.…`, so that a customer's warning never explains a field of the invoice.
      warnings = [...write.warnings, ...created.warnings].map((warning) =>
        warning.type === 'other' ? warning : { ...warning, path: `customer.${warning.path}` },
      );
    }
    await this.journal.append({ kind: 'customer', sourceId: key, targetId: id });
    this.known.set(key, id);
    return { id, warnings };
  }
}
