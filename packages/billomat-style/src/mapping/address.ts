import { toCountryCode, type Address } from '@invoicekit/core';

/** The postal address tags an invoice's buyer and a customer both carry. */
export interface AddressTags {
  readonly ADDRESS?: string | null | undefined;
  readonly ADDRESS_2?: string | null | undefined;
  readonly CITY?: string | null | undefined;
  readonly ZIPCODE?: string | null | undefined;
  readonly COUNTRY_CODE?: string | null | undefined;
}

/** The postal address of an invoice's buyer or a customer → canonical. */
export function addressOf(wire: AddressTags): Address {
  return {
    street: [wire.ADDRESS, wire.ADDRESS_2].filter(Boolean).join(', ') || null,
    city: wire.CITY || null,
    postalCode: wire.ZIPCODE || null,
    region: null,
    country: toCountryCode(wire.COUNTRY_CODE),
  };
}
