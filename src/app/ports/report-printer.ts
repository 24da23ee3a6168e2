// What prints a page of this server to PDF (the analysis report as a file): the page's path and the
// short-lived token it signs in with. The pdf adapter drives a headless Chromium.

export type PrintResult =
  | { readonly ok: true; readonly pdf: Uint8Array }
  /** `unavailable`: no browser to print with (not installed); `failed`: it did not finish in time or broke. */
  | { readonly ok: false; readonly reason: 'unavailable' | 'failed'; readonly message: string };

export interface ReportPrinter {
  /** Whether there is a browser to print with (checked before a sign-in token is issued for a print). */
  available(): boolean;
  /** Prints `path` (with its query) once the page says it is ready; one print at a time. */
  print(path: string, token: string): Promise<PrintResult>;
}
