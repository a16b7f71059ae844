import { writeFields, type FieldRules, type InvoiceCreateFields } from '@invoicekit/core';
import { INVOICEOCEAN } from '../provider-id';

/** A buyer snapshot or a seller, as a canonical invoice write gives it. */
export type PartyFields = NonNullable<InvoiceCreateFields['seller']>;

/** Which of the vendor's flat parties a snapshot is written to: `buyer_*` or `seller_*`. */
export interface PartyContext {
  readonly prefix: 'buyer' | 'seller';
}

const SELLER_NAME =
  'the seller has no first or last name at InvoiceOcean; seller_person is the contact person';

/**
 * Canonical party → the vendor's flat `{prefix}_name`, `{prefix}_street` … fields, one rule per
 * field. The address comes before the names, so that its warning comes first, as it always has.
 */
export const PARTY_RULES = {
  // The seller is the account's own company: only the buyer has a company/person switch.
  kind: {
    write: (kind, scope) => {
      if (scope.context.prefix === 'buyer') return { buyer_company: kind !== 'person' };
      if (kind === 'person')
        scope.approximate('the seller is printed as a company at InvoiceOcean');
      return undefined;
    },
  },
  name: { write: (name, scope) => ({ [`${scope.context.prefix}_name`]: name }) },
  address: {
    fields: {
      street: { write: (street, scope) => ({ [`${scope.context.prefix}_street`]: street }) },
      city: { write: (city, scope) => ({ [`${scope.context.prefix}_city`]: city }) },
      postalCode: {
        write: (postCode, scope) => ({ [`${scope.context.prefix}_post_code`]: postCode }),
      },
      region: { unsupported: 'InvoiceOcean addresses have no region' },
      country: { write: (country, scope) => ({ [`${scope.context.prefix}_country`]: country }) },
    },
  },
  firstName: {
    write: (firstName, scope) => {
      if (scope.context.prefix === 'buyer') return { buyer_first_name: firstName };
      scope.unsupported(SELLER_NAME);
      return undefined;
    },
  },
  lastName: {
    write: (lastName, scope) => {
      if (scope.context.prefix === 'buyer') return { buyer_last_name: lastName };
      // One warning for the seller's whole name.
      if (scope.parent.firstName === undefined) scope.unsupported(SELLER_NAME);
      return undefined;
    },
  },
  taxId: { write: (taxId, scope) => ({ [`${scope.context.prefix}_tax_no`]: taxId }) },
  email: { write: (email, scope) => ({ [`${scope.context.prefix}_email`]: email }) },
  phone: { write: (phone, scope) => ({ [`${scope.context.prefix}_phone`]: phone }) },
} satisfies FieldRules<PartyFields, PartyFields, Record<string, unknown>, PartyContext>;

/** Where a party is written: its warnings are reported under `path` (`customer.snapshot`). */
interface PartyScope {
  readonly path: string;
  approximate(reason: string, subPath?: string): void;
  unsupported(reason: string, subPath?: string): void;
  note(message: string): void;
}

/** A party's vendor fields; its warnings are reported in the invoice's write, under its path. */
export function partyFields(
  party: PartyFields,
  prefix: PartyContext['prefix'],
  scope: PartyScope,
  operation: string,
): Record<string, unknown> {
  const { body, warnings } = writeFields(PARTY_RULES, party, {
    provider: INVOICEOCEAN,
    operation,
    context: { prefix },
  });
  for (const warning of warnings) {
    if (warning.type === 'unsupported_field') scope.unsupported(warning.reason, warning.path);
    else if (warning.type === 'approximated') scope.approximate(warning.reason, warning.path);
    else scope.note(warning.message);
  }
  return body;
}
