// Composition of the analysis page and the analysis report: the service over the storage's sums and
// warnings, the names of categories and units, and the Chromium that prints the report page, which
// learns this server's address once it listens.
import { ChromiumPrinter } from '../adapters/pdf/chromium-printer.js';
import { AnalysisService } from '../app/analysis/analysis-service.js';
import { hotspotView } from '../app/hotspots/hotspot-views.js';
import type { TicketRecords } from '../app/ports/ticket-records.js';
import type { Config } from '../config.js';
import type { Taxonomy } from '../domain/tickets/categories.js';
import type { DispatchRules } from '../domain/tickets/dispatch-rules.js';
import type { AnalysisRoutesDeps } from '../http/routes/analysis-routes.js';
import type { Logger } from '../logging/logger.js';
import type { Storage } from './storage.js';

export interface AnalysisParts {
  readonly routes: AnalysisRoutesDeps;
  /** Tells the printer where this server listens (http://host:port). */
  serving(url: string): void;
}

export function startAnalysis(
  config: Pick<Config, 'analysis'>,
  deps: { stores: Pick<Storage, 'analysis' | 'hotspots' | 'tokens'>; tickets: Pick<TicketRecords, 'get'>; taxonomy: Taxonomy; dispatchRules: DispatchRules; logger: Logger; now: () => number },
): AnalysisParts {
  let origin: string | null = null;
  const printer = new ChromiumPrinter({ executablePath: config.analysis.chromiumPath, origin: () => origin, timeoutMs: config.analysis.pdfTimeoutMs, logger: deps.logger.child({ component: 'report-printer' }) });
  const service = new AnalysisService({
    analysis: deps.stores.analysis,
    hotspots: deps.stores.hotspots,
    names: { taxonomy: deps.taxonomy, unitNames: new Map(deps.dispatchRules.units.map((unit) => [unit.id, unit.name])) },
    warningView: (stored) => hotspotView(stored, deps.taxonomy, deps.tickets),
    now: deps.now,
  });
  return {
    routes: { service, printer, tokens: deps.stores.tokens, printTimeoutMs: config.analysis.pdfTimeoutMs, now: deps.now },
    // A server listening on every address (0.0.0.0, ::) is reached by its own browser on the loopback.
    serving: (url) => {
      origin = url.replace(/\/\/(0\.0\.0\.0|\[::\])(?=[:/]|$)/, '//127.0.0.1');
    },
  };
}
