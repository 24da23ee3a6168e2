// The agent's "line": one long call the server keeps open to each ready agent's browser phone, so a
// citizen is put through without ringing. The server marks that call's INVITE with this SIP header
// (ARI originate variable `PJSIP_HEADER(add,X-Hotline-Line)` = `1`), and the desktop's phone answers
// such a call by itself; any other call rings and waits for the agent.

export const LINE_CALL_HEADER = 'X-Hotline-Line';
export const LINE_CALL_HEADER_VALUE = '1';

/**
 * The channel variable that puts the header on the INVITE Asterisk sends the phone, e.g. among an
 * ARI originate's `variables`. Asterisk needs res_pjsip_header_funcs loaded (modules.conf): without
 * it the variable is taken silently and the INVITE goes out without the header.
 */
export const LINE_CALL_HEADER_VARIABLE = `PJSIP_HEADER(add,${LINE_CALL_HEADER})`;

/** Whether an INVITE's header value (undefined or '' when absent) marks the agent's line call. */
export function isLineCall(headerValue: string | undefined): boolean {
  return headerValue?.trim() === LINE_CALL_HEADER_VALUE;
}
