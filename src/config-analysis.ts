// The analysis report's settings (read from the environment by config.ts) checked and typed: which
// browser prints the report to PDF, and how long a print may take before the request gives up.
import type { Setting } from './config-setting.js';

export interface AnalysisConfig {
  /** Chromium's executable; when absent, GET /api/reports/analysis.pdf answers REPORT_PDF_UNAVAILABLE. */
  readonly chromiumPath: string;
  readonly pdfTimeoutMs: number;
}

export const ANALYSIS_SETTINGS: readonly Setting[] = [
  { name: 'HOTLINE_CHROMIUM_PATH', fallback: '/usr/bin/chromium', doc: 'The Chromium that prints the analysis report (民情分析报告) to PDF; without one the PDF route answers REPORT_PDF_UNAVAILABLE and the report page is printed from a browser.' },
  { name: 'HOTLINE_REPORT_PDF_TIMEOUT_SECONDS', fallback: '30', doc: 'How long printing the report to PDF may take (browser start, page drawn, PDF) before the route answers REPORT_PDF_FAILED.' },
];

/** The checked settings read by `read` (a setting's text by its full name), or what is wrong with them. */
export function parseAnalysisConfig(read: (name: string) => string): AnalysisConfig | string {
  const chromiumPath = read('HOTLINE_CHROMIUM_PATH');
  if (chromiumPath.trim() === '') return 'HOTLINE_CHROMIUM_PATH must name a file';
  const text = read('HOTLINE_REPORT_PDF_TIMEOUT_SECONDS');
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) return `HOTLINE_REPORT_PDF_TIMEOUT_SECONDS must be a whole number from 1 to 600, got "${text}"`;
  return { chromiumPath, pdfTimeoutMs: seconds * 1000 };
}
