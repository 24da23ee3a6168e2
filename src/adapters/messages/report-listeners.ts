// The delivery-report listeners of a gateway: each report goes to every listener, a listener's
// failure is its own (the others still hear it), and the gateway learns whether every listener kept
// the report, so it acknowledges the message centre only then and the centre sends it again otherwise.
import type { DeliveryReport, ReportListener } from '../../app/ports/text-messages.js';
import type { Logger } from '../../logging/logger.js';

export class ReportListeners {
  private readonly listeners: ReportListener[] = [];

  constructor(private readonly logger: Logger) {}

  add(listener: ReportListener): void {
    this.listeners.push(listener);
  }

  /** True when every listener kept the report. */
  async deliver(report: DeliveryReport): Promise<boolean> {
    const results = await Promise.allSettled(this.listeners.map(async (listener) => listener(report)));
    const failed = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    for (const failure of failed) this.logger.error({ err: failure.reason, providerId: report.providerId }, 'delivery report not kept');
    return failed.length === 0;
  }
}
