import { randomBytes } from 'node:crypto';
import type { EmulatorResponse } from '@invoicekit/core/emulator';
import type { RouteContext } from '../context';
import { noContent, notFound, ok, validationFailed, type FieldErrors } from '../envelope';
import { addError, hasErrors } from '../fields';
import type { StoredWebhook } from '../state';
import { WEBHOOK_EVENTS } from '../webhooks';

/** A webhook as the API shows it; the secret only on create and show (docs/vendors/plandocket.md §7). */
function renderWebhook(webhook: StoredWebhook, withSecret: boolean): Record<string, unknown> {
  return {
    id: webhook.id,
    url: webhook.url,
    events: [...webhook.events],
    ...(withSecret ? { secret: webhook.secret } : {}),
    is_active: webhook.is_active,
    created_at: webhook.created_at,
    updated_at: webhook.updated_at,
  };
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * POST /webhooks → 201 `{url, events, secret?}`: the events must be documented ones; a secret is
 * generated when none is given, and shown in the answer.
 */
export function createWebhook(context: RouteContext): EmulatorResponse {
  const { body } = context;
  const errors: FieldErrors = {};
  if (!isHttpUrl(body.url)) addError(errors, 'url', 'must be an http(s) URL');
  const events = body.events;
  if (!Array.isArray(events) || events.length === 0) {
    addError(errors, 'events', 'must be a non-empty list of events');
  } else if (!events.every((event) => (WEBHOOK_EVENTS as readonly unknown[]).includes(event))) {
    addError(errors, 'events', `must be among: ${WEBHOOK_EVENTS.join(', ')}`);
  }
  const secret = body.secret;
  if (secret !== undefined && (typeof secret !== 'string' || secret.trim() === ''))
    addError(errors, 'secret', 'must be a non-empty string');
  if (hasErrors(errors)) return validationFailed(context, errors);
  const created = context.state.webhooks.insert({
    url: body.url as string,
    events: [...new Set(events as string[])],
    secret: typeof secret === 'string' ? secret : `whsec_${randomBytes(24).toString('hex')}`,
    is_active: true,
    created_at: context.timestamp,
    updated_at: context.timestamp,
  });
  return ok(context, renderWebhook(created, true), 201);
}

/** GET /webhooks: every webhook, without secrets. */
export function listWebhooks(context: RouteContext): EmulatorResponse {
  return ok(
    context,
    context.state.webhooks.all().map((webhook) => renderWebhook(webhook, false)),
  );
}

/** GET /webhooks/{id}, with its secret. */
export function getWebhook(context: RouteContext): EmulatorResponse {
  const webhook = context.state.webhooks.get(context.id);
  return webhook ? ok(context, renderWebhook(webhook, true)) : notFound(context);
}

/** DELETE /webhooks/{id} → 204; nothing is delivered to it after. */
export function deleteWebhook(context: RouteContext): EmulatorResponse {
  return context.state.webhooks.delete(context.id) ? noContent(context) : notFound(context);
}

/** GET /webhooks/events: the event names a webhook may subscribe to. */
export function listWebhookEvents(context: RouteContext): EmulatorResponse {
  return ok(context, [...WEBHOOK_EVENTS]);
}
