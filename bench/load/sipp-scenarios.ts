// SIPp scenarios of the load benchmark, written for each run with its captures and timings:
// - the citizen (UAC) dials the hotline over SIP with an RTP audio offer and, from the answer on,
//   sends its call's media (rtp-pcap.ts: silence with its keys as RFC 4733 events, then voice)
//   until it hangs up;
// - the agent phone (UAS, one SIPp answering for every agent's endpoint) rings, answers, talks
//   back, and waits for the hotline to hang up.
// Both send Allow: UPDATE and run with -aa, so Asterisk's connected-line UPDATEs are answered
// instead of breaking the call.

export interface CitizenPlan {
  /** The number dialed (12345, or the baseline's). */
  readonly service: string;
  /** The call's media from the answer on, keys included. */
  readonly mediaPcap: string;
  /** From the answer to the hang-up, ms. */
  readonly durationMs: number;
}

export interface AgentPlan {
  readonly ringMs: number;
  readonly voicePcap: string;
}

const ALLOW = 'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO';

function sdp(owner: string): string[] {
  return [
    'v=0',
    `o=${owner} 53655765 2353687637 IN IP[local_ip_type] [local_ip]`,
    's=-',
    'c=IN IP[media_ip_type] [media_ip]',
    't=0 0',
    'm=audio [media_port] RTP/AVP 0 101',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    'a=ptime:20',
  ];
}

/** A SIP message in a CDATA block; SIPp strips the indentation and fills [len] itself. */
function message(lines: readonly string[]): string {
  return `    <![CDATA[\n${lines.map((line) => `      ${line}`).join('\n')}\n    ]]>`;
}

const xmlAttr = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const play = (pcap: string): string => `  <nop><action><exec play_pcap_audio="${xmlAttr(pcap)}"/></action></nop>`;
const pause = (ms: number): string => `  <pause milliseconds="${Math.max(0, Math.round(ms))}"/>`;

function scenario(name: string, body: readonly string[]): string {
  return ['<?xml version="1.0" encoding="UTF-8" ?>', `<scenario name="${xmlAttr(name)}">`, ...body, '</scenario>', ''].join('\n');
}

// The caller's number comes from the injection file (field0): one number per call, so each call
// can be found again in Asterisk's events and in the tickets.
const CITIZEN_DIALOG = {
  from: 'From: "citizen" <sip:[field0]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]',
  to: 'To: <sip:[service]@[remote_ip]:[remote_port]>',
};

export function citizenScenario(plan: CitizenPlan): string {
  const request = (method: string, cseq: number, withTag: boolean): string[] => [
    `${method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0`,
    'Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]',
    CITIZEN_DIALOG.from,
    `${CITIZEN_DIALOG.to}${withTag ? '[peer_tag_param]' : ''}`,
    'Call-ID: [call_id]',
    `CSeq: ${cseq} ${method}`,
    'Max-Forwards: 70',
  ];
  return scenario(`hotline citizen ${plan.service}`, [
    '  <send retrans="500">',
    message([...request('INVITE', 1, false), 'Contact: <sip:[field0]@[local_ip]:[local_port]>', ALLOW, 'Content-Type: application/sdp', 'Content-Length: [len]', '', ...sdp('citizen')]),
    '  </send>',
    '  <recv response="100" optional="true"/>',
    '  <recv response="180" optional="true"/>',
    '  <recv response="183" optional="true"/>',
    '  <recv response="200" rtd="true"/>',
    '  <send>',
    message([...request('ACK', 1, true), 'Content-Length: 0']),
    '  </send>',
    play(plan.mediaPcap),
    pause(plan.durationMs),
    '  <send retrans="500">',
    message([...request('BYE', 2, true), 'Content-Length: 0']),
    '  </send>',
    '  <recv response="200" crlf="true"/>',
  ]);
}

export function agentScenario(plan: AgentPlan): string {
  const reply = (status: string): string[] => [
    `SIP/2.0 ${status}`,
    '[last_Via:]',
    '[last_From:]',
    '[last_To:];tag=[pid]SIPpTag01[call_number]',
    '[last_Call-ID:]',
    '[last_CSeq:]',
  ];
  return scenario('hotline agent phone', [
    '  <recv request="INVITE" crlf="true"/>',
    '  <send>',
    message([...reply('180 Ringing'), 'Contact: <sip:[local_ip]:[local_port];transport=[transport]>', 'Content-Length: 0']),
    '  </send>',
    pause(plan.ringMs),
    '  <send retrans="500">',
    message([...reply('200 OK'), 'Contact: <sip:[local_ip]:[local_port];transport=[transport]>', ALLOW, 'Content-Type: application/sdp', 'Content-Length: [len]', '', ...sdp('agent')]),
    '  </send>',
    '  <recv request="ACK" crlf="true"/>',
    play(plan.voicePcap),
    '  <recv request="BYE"/>',
    '  <send>',
    message([...reply('200 OK'), 'Content-Length: 0']),
    '  </send>',
  ]);
}

/** SIPp's injection file: one caller number per line, taken in order. */
export function numbersFile(numbers: readonly string[]): string {
  return ['SEQUENTIAL', ...numbers, ''].join('\n');
}
