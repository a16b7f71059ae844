import type { EmulatorResponse } from '@invoicekit/core/emulator';
import type { RouteContext } from '../context';
import { notFound, ok } from '../envelope';
import { renderParticipant } from '../render';

/**
 * GET /participants/{id}: enough to follow an invoice's `event_participant_id` to its contact.
 * Participants are created by seeding invoices; the emulator offers no writes for them.
 */
export function getParticipant(context: RouteContext): EmulatorResponse {
  const participant = context.state.participants.get(context.id);
  return participant ? ok(context, renderParticipant(participant)) : notFound(context);
}
