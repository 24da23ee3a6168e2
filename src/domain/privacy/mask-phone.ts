// Phone numbers never reach a log or an unauthenticated answer in full: enough is kept to tell two
// callers apart (a prefix and the last digits), never enough to call anyone.

/** 13800001111 → 138****1111; 87654321 → 87****21; short numbers keep only their last two digits. */
export function maskPhone(number: string): string {
  const n = number.length;
  if (n >= 11) return `${number.slice(0, 3)}${'*'.repeat(n - 7)}${number.slice(-4)}`;
  if (n >= 7) return `${number.slice(0, 2)}${'*'.repeat(n - 4)}${number.slice(-2)}`;
  return `${'*'.repeat(Math.max(0, n - 2))}${number.slice(-2)}`;
}

/** Masks every run of 7 or more digits inside free text (a description, a log message). */
export function maskPhonesInText(text: string): string {
  return text.replace(/(?<![\d.])\+?\d{7,}(?![\d.])/g, (match) => maskPhone(match));
}
