import type { HttpTransport } from '@invoicekit/core';
import { ClientWire } from '../wire/client';
import { InvoiceWire } from '../wire/invoice';
import { AccountsApi } from './accounts';
import { DepartmentsResource } from './departments';
import { PriceListsResource } from './price-lists';
import { InvoiceActions } from './invoice-actions';
import * as schemas from './schemas';
import { VendorResource } from './vendor-resource';
import type { z } from 'zod';

/**
 * The InvoiceOcean API by its own names, typed: every resource the vendor documents and the seed
 * pages use, so that nothing needs the raw pass-through. It shares the adapter's transport (auth,
 * retries, redaction). Every write validates its input before sending (create and update alike);
 * every answer is checked to be what the call returns. Reach it as `adapter.vendor`.
 */
export class InvoiceOceanClient {
  readonly invoices: VendorResource<
    z.output<typeof InvoiceWire>,
    z.input<typeof schemas.InvoiceInput.create>
  > & {
    readonly actions: InvoiceActions;
  };
  readonly clients: VendorResource<
    z.output<typeof ClientWire>,
    z.input<typeof schemas.ClientInput.create>
  >;
  readonly products;
  readonly payments;
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
    this.invoices = Object.assign(
      resource({
        path: 'invoices',
        wrapper: 'invoice',
        record: InvoiceWire,
        input: schemas.InvoiceInput,
      }),
      {
        actions: new InvoiceActions(transport, extension),
      },
    );
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
    this.payments = resource({
      path: 'banking/payments',
      getPath: 'banking/payment',
      wrapper: 'banking_payment',
      record: schemas.PaymentRecord,
      input: schemas.PaymentInput,
    });
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
