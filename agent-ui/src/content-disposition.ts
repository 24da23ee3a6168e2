// The name a server gives a file it sends (content-disposition), free of the browser so the tests read it.

/** The file name of a content-disposition header, the RFC 5987 `filename*` (UTF-8) first. */
export function fileName(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}
