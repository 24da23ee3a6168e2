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

// A supervisor's monitoring call (监听 / 密语 / 强插) to the wallboard's browser phone is marked the
// same way with a header of its own, so the wallboard answers it by itself: it is no agent's line
// (the phone's own hang-up ends it, and the session with it), and no other call is answered unasked.
export const MONITOR_CALL_HEADER = 'X-Hotline-Monitor';
export const MONITOR_CALL_HEADER_VALUE = '1';
export const MONITOR_CALL_HEADER_VARIABLE = `PJSIP_HEADER(add,${MONITOR_CALL_HEADER})`;

/** Whether an INVITE's header value (undefined or '' when absent) marks a supervisor's monitoring call. */
export function isMonitorCall(headerValue: string | undefined): boolean {
  return headerValue?.trim() === MONITOR_CALL_HEADER_VALUE;
}
