// A message's text as submit_sm carries it: UCS2 (data_coding 8: Chinese needs it), in short_message
// up to 140 octets (70 characters), beyond that in the message_payload TLV, which lets the centre
// split it for the handset and gives one message id and one receipt for the whole text (see
// docs/decisions.md: chosen over UDH concatenation, which gives an id and a receipt per part).

export const UCS2_DATA_CODING = 8;
const SHORT_MESSAGE_OCTETS = 140;
/** Ten handset parts' worth (10 × 67 characters); a notice longer than that is a mistake. */
export const MAX_TEXT_OCTETS = 1340;

export type SmppBody = { readonly short_message: Buffer } | { readonly short_message: Buffer; readonly message_payload: Buffer };

/** UTF-16 big-endian, as SMPP's UCS2 is (characters beyond the BMP travel as surrogate pairs). */
export function ucs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** The body fields of submit_sm for a text; null when it is too long even for message_payload. */
export function smppBody(text: string): SmppBody | null {
  const octets = ucs2(text);
  if (octets.length > MAX_TEXT_OCTETS) return null;
  if (octets.length <= SHORT_MESSAGE_OCTETS) return { short_message: octets };
  // short_message must then be empty (SMPP 3.4 §5.3.2.32).
  return { short_message: Buffer.alloc(0), message_payload: octets };
}

export function fromUcs2(octets: Buffer): string {
  return Buffer.from(octets).swap16().toString('utf16le');
}
