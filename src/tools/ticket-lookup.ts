// Asks the hotline server for the ticket of a call, waiting a little: the ticket is written just
// after the hang-up reaches the server.

export interface TicketSummary {
  readonly number: string;
  /** The caller's way through the IVR, in words. */
  readonly path?: string;
  readonly status: string;
  readonly talkMs: number;
  readonly totalMs: number;
}

/** Signs in to the hotline server; null when the credentials are refused or the server is away. */
export async function signIn(server: string, username: string, password: string): Promise<string | null> {
  try {
    const response = await fetch(`${server}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) return null;
    return ((await response.json()) as { token: string }).token;
  } catch {
    return null;
  }
}

export async function fetchTicket(server: string, callId: string, timeoutMs: number, token: string): Promise<TicketSummary | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${server}/api/calls/${encodeURIComponent(callId)}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(2000) });
      if (response.ok) {
        const body = (await response.json()) as { ticket: TicketSummary | null; call: { ivrPathWords?: string } };
        if (body.ticket) return { ...body.ticket, ...(body.call.ivrPathWords ? { path: body.call.ivrPathWords } : {}) };
      } else {
        await response.body?.cancel();
      }
    } catch {
      // The server may be busy for a moment; try again until the deadline.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}
