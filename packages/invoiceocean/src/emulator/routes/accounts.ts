import { jsonResponse, type EmulatorResponse } from '@invoicekit/core/emulator';
import { publicToken, type RouteContext } from '../context';
import { validationError } from '../render';
import type { StoredAccount } from '../state';

/**
 * The partner API on the `app.` host (docs/vendors/invoiceocean.md §5.8, the eFakturierung API
 * page): create an account, read it, request its deletion, unlink sub-accounts, add users, and log
 * in to obtain the API token.
 */
export function handleAccounts(
  context: RouteContext,
  ownAccount: { prefix: string; apiToken: string },
): EmulatorResponse | undefined {
  const { request, path, body, state } = context;
  const accountView = (account: StoredAccount) => ({
    prefix: account.prefix,
    api_token: account.api_token,
    url: `https://${account.prefix}.invoiceocean.com`,
    login: account.login,
    email: account.email,
  });

  if (path.resource === 'account' && path.id === undefined && path.action === undefined) {
    if (request.method === 'POST') {
      const account = (body.account ?? {}) as Record<string, unknown>;
      const user = (body.user ?? {}) as Record<string, unknown>;
      const wanted = String(account.prefix ?? '');
      if (!/^[a-z0-9][a-z0-9-]*$/i.test(wanted))
        return validationError(path.format, { prefix: ['is invalid'] });
      // A taken prefix (or login) is changed rather than refused, as the vendor documents.
      const taken = new Set([
        ownAccount.prefix,
        ...state.accounts.map((existing) => existing.prefix),
      ]);
      let prefix = wanted;
      for (let n = 1; taken.has(prefix); n += 1) prefix = `${wanted}${n}`;
      const created: StoredAccount = {
        prefix,
        api_token: publicToken(`account-${prefix}`, state.accounts.length + 1),
        login: String(user.login ?? prefix),
        email: String(user.email ?? `${prefix}@example.com`),
        first_name: null,
        last_name: null,
        password: user.password === undefined ? null : String(user.password),
      };
      state.accounts.push(created);
      return jsonResponse(201, accountView(created));
    }
    if (request.method === 'GET') {
      return jsonResponse(200, {
        prefix: ownAccount.prefix,
        url: `https://${ownAccount.prefix}.invoiceocean.com`,
        accounts: state.accounts.map(accountView),
      });
    }
  }
  if (path.resource === 'account' && path.action === 'delete' && request.method === 'POST') {
    return jsonResponse(200, { code: 'success', message: 'Link do usunięcia konta wysłany!' });
  }
  if (path.resource === 'account' && path.action === 'unlink' && request.method === 'PATCH') {
    const wanted = Array.isArray(body.prefix)
      ? body.prefix.map(String)
      : body.prefix === undefined
        ? []
        : [String(body.prefix)];
    const linked = new Set(state.accounts.map((account) => account.prefix));
    const unlinked = wanted.filter((prefix) => linked.has(prefix));
    const notUnlinked = wanted.filter((prefix) => !linked.has(prefix));
    if (unlinked.length === 0) {
      return jsonResponse(422, {
        code: 'error',
        message: 'Brak kont do odłączenia',
        result: { not_unlinked: notUnlinked },
      });
    }
    state.accounts.splice(
      0,
      state.accounts.length,
      ...state.accounts.filter((account) => !unlinked.includes(account.prefix)),
    );
    return jsonResponse(200, {
      code: 'success',
      message: 'Konta odłączone',
      result: { unlinked, not_unlinked: notUnlinked },
    });
  }
  if (path.resource === 'account' && path.action === 'add_user' && request.method === 'POST') {
    const user = (body.user ?? {}) as Record<string, unknown>;
    if (!user.email) return validationError(path.format, { email: ["can't be blank"] });
    return jsonResponse(200, { code: 'success', message: 'Użytkownik dodany' });
  }
  if (path.resource === 'users' && path.id === undefined && request.method === 'POST') {
    const user = (body.user ?? {}) as Record<string, unknown>;
    if (!user.email || !user.password)
      return validationError(path.format, { email: ["can't be blank"] });
    const created: StoredAccount = {
      prefix: ownAccount.prefix,
      api_token: ownAccount.apiToken,
      login: String(user.email),
      email: String(user.email),
      first_name: (user.first_name as string | undefined) ?? null,
      last_name: (user.last_name as string | undefined) ?? null,
      password: String(user.password),
    };
    state.accounts.push(created);
    return jsonResponse(201, { login: created.login, email: created.email });
  }
  return undefined;
}

/** `POST /login.json` — no API token: login and password are the credentials. */
export function handleLogin(context: RouteContext): EmulatorResponse {
  const { body, state } = context;
  const user = state.accounts.find(
    (account) =>
      (account.login === body.login || account.email === body.login) &&
      account.password === body.password,
  );
  if (!user) return jsonResponse(401, { code: 'error', message: 'Nieprawidłowy login lub hasło' });
  return jsonResponse(200, {
    login: user.login,
    email: user.email,
    prefix: user.prefix,
    url: `https://${user.prefix}.invoiceocean.com`,
    first_name: user.first_name,
    last_name: user.last_name,
    api_token: user.api_token,
  });
}
