// One spelling per phone number, so a registry lookup matches however the carrier presents it.

/** Digits only, without China's +86 / 0086 prefix: "+86 138-0000-1111" → "13800001111". */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/[^0-9]/g, '');
  if (digits.startsWith('0086')) return digits.slice(4);
  if (digits.startsWith('86') && digits.length === 13) return digits.slice(2);
  return digits;
}
