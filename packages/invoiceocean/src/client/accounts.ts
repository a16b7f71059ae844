import { parseInput, type HttpTransport, type WriteOptions } from '@invoicekit/core';
import { z } from 'zod';
import { INVOICEOCEAN } from '../provider-id';

export const CreateAccountInputSchema = z.strictObject({
  account: z.looseObject({ prefix: z.string().regex(/^[a-z0-9][a-z0-9-]*$/i) }),
  user: z
    .looseObject({
      login: z.string().optional(),
      email: z.email(),
      password: z.string().min(1),
      from_partner: z.string().optional(),
    })
    .optional(),
  company: z.looseObject({ name: z.string().min(1) }).optional(),
  integration_token: z.string().optional(),
});
export type CreateAccountInput = z.input<typeof CreateAccountInputSchema>;

export const LoginInputSchema = z.strictObject({
  login: z.string().min(1),
  password: z.string().min(1),
  integration_token: z.string().optional(),
});
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
export type LoginResult = z.infer<typeof LoginResult>;

/**
 * The partner API on the `app.` host (reference §5.8, seed 000): accounts, users and login.
 * Calls that create accounts need the partner `integration_token` the vendor issues.
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
    return response.body as Record<string, unknown>;
  }

  /** `GET /account.json` of this account. */
  async get(
    integrationToken?: string,
    options: WriteOptions = {},
  ): Promise<Record<string, unknown>> {
    const response = await this.accountTransport.request({
      method: 'GET',
      path: '/account.json',
      query: { integration_token: integrationToken },
      operation: 'accounts.get',
      signal: options.signal,
    });
    return response.body as Record<string, unknown>;
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
    return response.body as Record<string, unknown>;
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
    return response.body as Record<string, unknown>;
  }

  /** `POST /account/add_user.json`. */
  async addUser(
    user: { email: string; role?: string; [field: string]: unknown },
    integrationToken?: string,
    options: WriteOptions = {},
  ): Promise<Record<string, unknown>> {
    const checked = parseInput(z.looseObject({ email: z.email() }), user, {
      provider: INVOICEOCEAN,
      operation: 'accounts.addUser',
      basePath: ['user'],
    });
    const response = await this.accountTransport.request({
      method: 'POST',
      path: '/account/add_user.json',
      body: { user: checked, ...(integrationToken ? { integration_token: integrationToken } : {}) },
      operation: 'accounts.addUser',
      signal: options.signal,
    });
    return response.body as Record<string, unknown>;
  }

  /** `POST https://app.…/users.json`. */
  async createUser(
    user: { email: string; password: string },
    integrationToken: string,
    options: WriteOptions = {},
  ): Promise<Record<string, unknown>> {
    const checked = parseInput(
      z.looseObject({ email: z.email(), password: z.string().min(1) }),
      user,
      { provider: INVOICEOCEAN, operation: 'users.create', basePath: ['user'] },
    );
    const response = await this.appTransport.request({
      method: 'POST',
      path: '/users.json',
      body: { user: checked, integration_token: integrationToken },
      operation: 'users.create',
      signal: options.signal,
    });
    return response.body as Record<string, unknown>;
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
    return LoginResult.parse(response.body);
  }
}
