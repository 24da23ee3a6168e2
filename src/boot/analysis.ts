// Composition of the analysis page and the analysis report: the service over the storage's sums and
// warnings, the names of categories and units, and the Chromium that prints the report page, which
// learns this server's address once it listens.
import { ChromiumPrinter } from '../adapters/pdf/chromium-printer.js';
import { AnalysisService } from '../app/analysis/analysis-service.js';
import type { StoredHotspot } from '../app/ports/hotspot-records.js';
import type { TicketRecords } from '../app/ports/ticket-records.js';
import type { Config } from '../config.js';
import type { HotspotView } from '../contract/api/hotspots.js';
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
    warningView: (stored) => warningView(stored, deps.taxonomy, deps.tickets),
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

/** A stored warning as the API shows it: the category's zh-CN name (subcategory, or major) and the proactive order's number. */
async function warningView(stored: StoredHotspot, taxonomy: Taxonomy, tickets: Pick<TicketRecords, 'get'>): Promise<HotspotView> {
  const { finding } = stored;
  const code = finding.categoryCode;
  const categoryName = code === null ? null : (taxonomy.byCode.get(code)?.sub.name ?? taxonomy.categories.find((major) => major.code === code)?.name ?? null);
  const ticket = stored.proactiveTicketId === null ? undefined : await tickets.get(stored.proactiveTicketId);
  return {
    id: stored.id,
    key: finding.key,
    kind: finding.kind,
    state: stored.state,
    categoryCode: code,
    categoryName,
    area: finding.area,
    place: finding.place,
    from: finding.from,
    to: finding.to,
    observed: finding.observed,
    expected: finding.expected,
    score: finding.score,
    reason: finding.reason,
    orderCount: stored.orderCount,
    unitId: stored.unitId,
    proactiveTicket: ticket ? { id: ticket.id, number: ticket.number } : null,
    raisedAt: new Date(stored.raisedAt).toISOString(),
    updatedAt: new Date(stored.updatedAt).toISOString(),
  };
}
