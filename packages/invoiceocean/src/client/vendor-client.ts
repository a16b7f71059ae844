import type { HttpTransport } from '@invoicekit/core';
import { ClientWire } from '../wire/client';
import { AccountsApi } from './accounts';
import { DepartmentsResource } from './departments';
import { PriceListsResource } from './price-lists';
import { InvoicesResource } from './invoices';
import { PaymentsResource } from './payments';
import * as schemas from './schemas';
import { VendorResource } from './vendor-resource';
import type { z } from 'zod';

/**
 * The InvoiceOcean API by its own names, typed: every resource the vendor documents and the seed
 * pages use, so that nothing needs the raw pass-through, and the only code that names the vendor's
 * paths: the canonical operations call it too. It shares the adapter's transports (auth, retries,
 * redaction). Every write validates its input before sending (create and update alike);
 * every answer is checked to be what the call returns. Reach it as `adapter.vendor`.
 */
export class InvoiceOceanClient {
  readonly invoices: InvoicesResource;
  readonly clients: VendorResource<
    z.output<typeof ClientWire>,
    z.input<typeof schemas.ClientInput.create>
  >;
  readonly products;
  readonly payments: PaymentsResource;
  readonly categories;
  readonly warehouses;
  readonly departments: DepartmentsResource;
  readonly bankAccounts;
  readonly priceLists: PriceListsResource;
  readonly recurrings;
  readonly warehouseDocuments;
  readonly warehouseActions;
  readonly accounts: AccountsApi;

  constructor(transport: HttpTransport, appTransport: HttpTransport, extension: 'json' | 'xml') {
    const resource = <Record, Input>(
      definition: ConstructorParameters<typeof VendorResource<Record, Input>>[1],
    ) => new VendorResource<Record, Input>(transport, definition, extension);
    this.invoices = new InvoicesResource(transport, extension);
    this.clients = resource({
      path: 'clients',
      wrapper: 'client',
      record: ClientWire,
      input: schemas.ClientInput,
    });
    this.products = resource({
      path: 'products',
      wrapper: 'product',
      record: schemas.ProductRecord,
      input: schemas.ProductInput,
    });
    this.payments = new PaymentsResource(transport, extension);
    this.categories = resource({
      path: 'categories',
      wrapper: 'category',
      record: schemas.CategoryRecord,
      input: schemas.CategoryInput,
    });
    this.warehouses = resource({
      path: 'warehouses',
      wrapper: 'warehouse',
      record: schemas.WarehouseRecord,
      input: schemas.WarehouseInput,
    });
    this.departments = new DepartmentsResource(transport, extension);
    this.bankAccounts = resource({
      path: 'bank_accounts',
      wrapper: 'bank_account',
      record: schemas.BankAccountRecord,
      input: schemas.BankAccountInput,
    });
    this.priceLists = new PriceListsResource(transport, extension);
    this.recurrings = resource({
      path: 'recurrings',
      wrapper: 'recurring',
      record: schemas.RecurringRecord,
      input: schemas.RecurringInput,
    });
    this.warehouseDocuments = resource({
      path: 'warehouse_documents',
      wrapper: 'warehouse_document',
      record: schemas.WarehouseDocumentRecord,
      input: schemas.WarehouseDocumentInput,
    });
    this.warehouseActions = resource({
      path: 'warehouse_actions',
      wrapper: 'warehouse_action',
      record: schemas.WarehouseActionRecord,
      input: schemas.WarehouseActionInput,
    });
    this.accounts = new AccountsApi(transport, appTransport);
  }
}
