// The demo citizen's browser phone in the phone system (the /phone page, demo mode only): one
// endpoint whose context is the citizens' entry, so its calls reach the hotline as a SIP citizen's do.

export const CITIZEN_ENDPOINT = 'citizen-web';

/** A caller number the citizen phone may present: a plain number, digits only. */
export function isPlainNumber(text: string): boolean {
  return /^\d{3,20}$/.test(text);
}
