import { ProviderError, parseInput, type HttpTransport, type WriteOptions } from '@invoicekit/core';
import { z } from 'zod';
import { INVOICEOCEAN } from '../provider-id';
import { recordAnswer } from '../wire/answer';
import { vendorInput } from './schemas';

/** Input of `accounts.create` (partner API): the account, optionally its first user and company. */
export const CreateAccountInputSchema = z.strictObject({
  account: vendorInput({ prefix: z.string().regex(/^[a-z0-9][a-z0-9-]*$/i) }).create,
  user: vendorInput({
    login: z.string().optional(),
    email: z.email(),
    password: z.string().min(1),
    from_partner: z.string().optional(),
  }).create.optional(),
  company: vendorInput({ name: z.string().min(1) }).create.optional(),
  integration_token: z.string().optional(),
});
/** Input of `accounts.create`, as a caller writes it. */
export type CreateAccountInput = z.input<typeof CreateAccountInputSchema>;

/** Input of `accounts.login`: a user's login and password (partner API). */
export const LoginInputSchema = z.strictObject({
  login: z.string().min(1),
  password: z.string().min(1),
  integration_token: z.string().optional(),
});
/** Input of `accounts.login`, as a caller writes it. */
export type LoginInput = z.input<typeof LoginInputSchema>;

/** The answer to a login: the user's account and API token. */
export const LoginResult = z.looseObject({
  login: z.string(),
  email: z.string().nullish(),
  prefix: z.string(),
  url: z.string(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  api_token: z.string().nullish(),
});
/** The answer to a login, as read. */
export type LoginResult = z.infer<typeof LoginResult>;

/**
 * The partner API on the `app.` host (docs/vendors/invoiceocean.md §5.8, the eFakturierung API
 * page): accounts, users and login. Calls that create accounts need the partner `integration_token`
 * the vendor issues.
 */
export class AccountsApi {
  constructor(
    /** The account's own host: `GET /account.json`, delete, unlink, add user. */
    private readonly accountTransport: HttpTransport,
    /** The `app.` host: create account, create user, login. */
    private readonly appTransport: HttpTransport,
  ) {}

  /** `POST https://app.…/account.json` → `{prefix, api_token, url, login, email}`. */
  async create(
    input: CreateAccountInput,
    options: WriteOptions = {},
  ): Promise<Record<string, unknown>> {
    const body = parseInput(CreateAccountInputSchema, input, {
      provider: INVOICEOCEAN,
      operation: 'accounts.create',
    });
    const response = await this.appTransport.request({
      method: 'POST',
      path: '/account.json',
      body,
      operation: 'accounts.create',
      signal: options.signal,
    });
    return recordAnswer(response.body, { operation: 'accounts.create', what: 'account answer' });
  }

  /** `GET /account.json` of this account. */
  async get(
    integrationToken?: string,
    options: WriteOptions = {},
  ): Promise<Record<string, unknown>> {
    const token = parseInput(z.string().min(1).optional(), integrationToken, {
      provider: INVOICEOCEAN,
      operation: 'accounts.get',
      basePath: ['integrationToken'],
    });
    const response = await this.accountTransport.request({
      method: 'GET',
      path: '/account.json',
      query: { integration_token: token },
      operation: 'accounts.get',
      signal: options.signal,
    });
    return recordAnswer(response.body, { operation: 'accounts.get', what: 'account answer' });
  }

  /** `POST /account/delete.json`: the vendor e-mails a deletion link. */
  async requestDeletion(options: WriteOptions = {}): Promise<Record<string, unknown>> {
    const response = await this.accountTransport.request({
      method: 'POST',
      path: '/account/delete.json',
      body: {},
      operation: 'accounts.delete',
      signal: options.signal,
    });
    return recordAnswer(response.body, { operation: 'accounts.delete', what: 'account answer' });
  }

  /** `PATCH /account/unlink.json` with one prefix or several. */
  async unlink(
    prefixes: string | readonly string[],
    options: WriteOptions = {},
  ): Promise<Record<string, unknown>> {
    const prefix = parseInput(
      z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
      prefixes,
      { provider: INVOICEOCEAN, operation: 'accounts.unlink', basePath: ['prefix'] },
    );
    const response = await this.accountTransport.request({
      method: 'PATCH',
      path: '/account/unlink.json',
      body: { prefix },
      operation: 'accounts.unlink',
      signal: options.signal,
    });
    return recordAnswer(response.body, { operation: 'accounts.unlink', what: 'account answer' });
  }

  /** `POST /account/add_user.json`. */
  async addUser(
    user: { email: string; role?: string; [field: string]: unknown },
    integrationToken?: string,
    options: WriteOptions = {},
  ): Promise<Record<string, unknown>> {
    const checked = parseInput(
      vendorInput({ email: z.email(), role: z.string().optional() }).create,
      user,
      { provider: INVOICEOCEAN, operation: 'accounts.addUser', basePath: ['user'] },
    );
    const token = parseInput(z.string().min(1).optional(), integrationToken, {
      provider: INVOICEOCEAN,
      operation: 'accounts.addUser',
      basePath: ['integrationToken'],
    });
    const response = await this.accountTransport.request({
      method: 'POST',
      path: '/account/add_user.json',
      body: { user: checked, ...(token ? { integration_token: token } : {}) },
      operation: 'accounts.addUser',
      signal: options.signal,
    });
    return recordAnswer(response.body, { operation: 'accounts.addUser', what: 'account answer' });
  }

  /** `POST https://app.…/users.json`. */
  async createUser(
    user: { email: string; password: string },
    integrationToken: string,
    options: WriteOptions = {},
  ): Promise<Record<string, unknown>> {
    const checked = parseInput(
      vendorInput({ email: z.email(), password: z.string().min(1) }).create,
      user,
      { provider: INVOICEOCEAN, operation: 'users.create', basePath: ['user'] },
    );
    const token = parseInput(z.string().min(1), integrationToken, {
      provider: INVOICEOCEAN,
      operation: 'users.create',
      basePath: ['integrationToken'],
    });
    const response = await this.appTransport.request({
      method: 'POST',
      path: '/users.json',
      body: { user: checked, integration_token: token },
      operation: 'users.create',
      signal: options.signal,
    });
    return recordAnswer(response.body, { operation: 'users.create', what: 'account answer' });
  }

  /** `POST https://app.…/login.json` → the user's account and API token. */
  async login(input: LoginInput, options: WriteOptions = {}): Promise<LoginResult> {
    const body = parseInput(LoginInputSchema, input, {
      provider: INVOICEOCEAN,
      operation: 'login',
    });
    const response = await this.appTransport.request({
      method: 'POST',
      path: '/login.json',
      body,
      operation: 'login',
      signal: options.signal,
    });
    const context = { operation: 'login', what: 'login answer' };
    const parsed = LoginResult.safeParse(recordAnswer(response.body, context));
    if (!parsed.success) {
      // Paths only: the answer holds a credential by design.
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
      throw new ProviderError({
        provider: INVOICEOCEAN,
        message: `login: unreadable login answer from the vendor (fields: ${fields.join(', ')})`,
      });
    }
    return parsed.data;
  }
}
