// The citizen phone page (/phone, demo mode only): the hotline numbers it dials and the caller
// numbers it offers to present. Shared by the page and the server's tests; the relay itself checks
// only that a presented number is a plain number (src/domain/phone/phone-frame-check.ts).

/** The hotline's own numbers: the main line and the enterprise line (ivr-flows/routes.yaml). */
export const CITIZEN_DIAL_NUMBERS = ['12345', '123452'] as const;

/** Who the page's caller is, as the hotline tells callers apart. */
export const CITIZEN_CALLER_KINDS = ['plain', 'elderly', 'enterprise'] as const;
export type CitizenCallerKind = (typeof CITIZEN_CALLER_KINDS)[number];

/** The caller numbers the page offers: the demo data's own (fixtures/elderly-numbers.csv, fixtures/enterprises.csv). */
export const CITIZEN_CALLERS: readonly { readonly kind: CitizenCallerKind; readonly number: string }[] = [
  { kind: 'plain', number: '13800001111' },
  { kind: 'elderly', number: '13900000065' },
  { kind: 'enterprise', number: '13800002001' },
];

/** The SIP header the page presents its caller number in (Asterisk trusts it from the citizen endpoint only). */
export const CALLER_NUMBER_HEADER = 'P-Asserted-Identity';
