// The gateway of a server with no message centre configured (the default, HOTLINE_SMS_GATEWAY=none):
// nothing leaves the machine; each message is refused for good, so it is stored as failed with
// MESSAGE_NO_GATEWAY and anyone reading the message sees it was never sent.
import type { ReportListener, TextGatewayFailure, TextMessageGateway } from '../../app/ports/text-messages.js';

class NoGatewayFailure extends Error implements TextGatewayFailure {
  override readonly name = 'NoGatewayFailure';
  readonly code = 'MESSAGE_NO_GATEWAY';
  readonly transient = false;
}

export class NoGateway implements TextMessageGateway {
  readonly kind = 'none';

  async submit(): Promise<{ readonly providerId: string }> {
    throw new NoGatewayFailure('not sent: no message centre configured (HOTLINE_SMS_GATEWAY=none)');
  }

  onReport(_listener: ReportListener): void {
    // No centre, no reports.
  }

  async close(): Promise<void> {}
}
