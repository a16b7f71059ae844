import { describe, expect, it } from 'vitest';
import { toCanonicalCustomer } from './to-canonical-customer';

describe('a Plandocket contact → canonical', () => {
  it('a contact → canonical customer', () => {
    expect(
      toCanonicalCustomer({
        id: '3',
        customer_number: 'K-3',
        first_name: 'Erika',
        last_name: 'Mustermann',
        postal_code: '50667',
        created_at: '1704067200',
      }),
    ).toMatchObject({
      id: '3',
      kind: 'person',
      name: 'Erika Mustermann',
      customerNumber: 'K-3',
      address: { postalCode: '50667' },
      createdAt: '2024-01-01T00:00:00Z',
    });
  });
});
