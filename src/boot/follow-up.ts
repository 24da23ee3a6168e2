// The follow-up of work orders, put together: the pure plan over the orders' store, messages through
// the text message service, calls through the outbound service (units' contacts at any hour, citizens
// inside the calling window), a sweep on the server holding the database-wide jobs, and every change
// of a ticket planned at once there.
import { followUpMessages } from '../app/follow-up/follow-up-messages.js';
import { FollowUpDialer } from '../app/follow-up/follow-up-dialer.js';
import { FollowUpService } from '../app/follow-up/follow-up-service.js';
import type { TextMessageService } from '../app/messages/text-message-service.js';
import type { OutboundService } from '../app/outbound/outbound-service.js';
import type { BackOffice } from '../back-office.js';
import type { Config } from '../config.js';
import { remindedUnits } from '../domain/follow-up/follow-up-plan.js';
import type { TextTemplates } from '../domain/messages/text-templates.js';
import type { Logger } from '../logging/logger.js';
import { ANY_HOUR_WINDOW, DEFAULT_TRUNK, DEFAULT_WINDOW } from './outbound.js';
import type { Storage } from './storage.js';

export interface FollowUpParts {
  readonly storage: Pick<Storage, 'followUps' | 'callTasks'>;
  readonly office: BackOffice;
  readonly outbound: OutboundService;
  readonly texts: TextMessageService;
  readonly templates: TextTemplates;
  /** Whether this server runs the database-wide jobs (always on a single box). */
  readonly holding: () => boolean;
  readonly now: () => number;
  readonly logger: Logger;
}

export function startFollowUp(config: Config, parts: FollowUpParts): FollowUpService {
  const logger = parts.logger.child({ component: 'follow-up' });
  const tickets = parts.office.ticketService;
  const dialer = new FollowUpDialer(
    parts.outbound,
    parts.storage.callTasks,
    {
      trunk: DEFAULT_TRUNK,
      windows: { calling: DEFAULT_WINDOW, any: ANY_HOUR_WINDOW },
      retry: { 'sign-reminder': config.followUp.unitCallRetry, 'reply-reminder': config.followUp.unitCallRetry, 'return-visit': config.outbound.retry },
    },
    logger,
  );
  const service = new FollowUpService({
    tickets: parts.storage.followUps,
    actions: {
      signByPhone: async (id, number) => void (await tickets.units.sign(id, { kind: 'phone', number }, null)),
      rateByReturnVisit: async (id, rating) => void (await tickets.rateByReturnVisit(id, rating)),
    },
    messages: followUpMessages(parts.texts, parts.templates, logger),
    calls: dialer,
    unitOf: remindedUnits(parts.office.files.dispatchRules.units),
    settings: config.followUp.plan,
    now: parts.now,
    logger,
  });
  dialer.onFinished((call) => service.callFinished(call));
  const failed = (error: unknown): void => logger.error({ err: error }, 'follow-up failed; the next sweep plans again');
  parts.office.onTicketChanged((ticketId) => {
    if (parts.holding()) service.changed(ticketId).catch(failed);
  });
  parts.office.everyShared(config.followUp.sweepMs, () => service.sweep());
  return service;
}
