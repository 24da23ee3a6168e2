// The follow-up's messages through the text message service: each template gets the parameters it
// names and no other (the service refuses strangers), and a refusal is logged, not thrown: it is about
// the data (a contact number that takes no message), so asking again would only be refused again.
import type { TextTemplates } from '../../domain/messages/text-templates.js';
import { maskPhone } from '../../domain/privacy/mask-phone.js';
import type { Logger } from '../../logging/logger.js';
import type { SendRequest, SendResult } from '../messages/text-message-service.js';
import type { FollowUpMessages, MessageRequest } from '../ports/follow-ups.js';

export interface MessageSender {
  send(request: SendRequest): Promise<SendResult>;
}

export function followUpMessages(sender: MessageSender, templates: TextTemplates, logger: Logger): FollowUpMessages {
  return {
    async send(request: MessageRequest): Promise<void> {
      const wanted = templates.byId.get(request.template)?.params ?? [];
      const params = Object.fromEntries(wanted.map((name) => [name, request.params[name] ?? '']));
      const result = await sender.send({ key: request.key, templateId: request.template, params, to: request.number });
      if (!result.ok) logger.warn({ key: request.key, template: request.template, number: maskPhone(request.number), code: result.code }, 'follow-up message refused');
    },
  };
}
