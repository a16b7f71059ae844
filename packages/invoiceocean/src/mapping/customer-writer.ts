import type {
  AdapterWarning,
  ParsedCustomerCreateInput,
  ParsedCustomerUpdateInput,
} from '@invoicekit/core';

/** Canonical customer input → the vendor's `client` object, with warnings for what it cannot hold. */
export function fromCanonicalCustomer(
  input: ParsedCustomerCreateInput | ParsedCustomerUpdateInput,
): {
  client: Record<string, unknown>;
  warnings: AdapterWarning[];
} {
  const warnings: AdapterWarning[] = [];
  const unsupported = (path: string, reason: string): void => {
    warnings.push({ type: 'unsupported_field', path, reason });
  };
  if (input.customerNumber !== undefined)
    unsupported('customerNumber', 'InvoiceOcean clients have no customer number');
  if (input.bank?.bic !== undefined)
    unsupported('bank.bic', 'InvoiceOcean keeps no BIC on the client card');
  if (input.address?.region !== undefined)
    unsupported('address.region', 'InvoiceOcean addresses have no region');
  if (input.providerOptions?.invoiceocean !== undefined)
    unsupported('providerOptions.invoiceocean', 'no client options are supported yet');

  const client: Record<string, unknown> = {
    name: input.name,
    first_name: input.firstName,
    last_name: input.lastName,
    company: input.kind === undefined ? undefined : input.kind === 'company',
    tax_no: input.taxId,
    email: input.email,
    phone: input.phone,
    street: input.address?.street,
    // Reading joins street and street_no; writing the joined street clears the number, or the
    // vendor would print it twice.
    street_no: input.address?.street === undefined ? undefined : '',
    city: input.address?.city,
    post_code: input.address?.postalCode,
    country: input.address?.country,
    bank: input.bank?.bankName,
    bank_account: input.bank?.iban,
    external_id: input.externalId,
    note: input.notes,
  };
  return {
    client: Object.fromEntries(Object.entries(client).filter(([, value]) => value !== undefined)),
    warnings,
  };
}
