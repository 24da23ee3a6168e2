// SIPp scenarios of the load benchmark, written for each run with its captures and timings:
// - the citizen (UAC) dials the hotline over SIP with an RTP audio offer and, from the answer on,
//   sends one RTP stream (rtp-pcap.ts) until the call ends. Each key answers a prompt: the citizen
//   waits for that prompt's mark (a SIP MESSAGE the run has Asterisk send when the prompt starts),
//   waits as a person would, and sends the key as SIP INFO (application/dtmf-relay). Keys are not
//   put in the RTP stream: a key at a moment chosen during the call needs a new SIPp play, which
//   stops the stream before it and starts another sequence, and Asterisk then resets its loss
//   figures for the new source. The system hangs up after the survey. A call sent to the human
//   fallback instead (the dialplan answered it while the server sheds load, or the server gave it
//   up) gets the fallback prompt's mark in place of the one it waits for: the citizen then waits
//   in the fallback queue, talks with the agent who answers, and answers the hang-up. A call past
//   the line limit gets the busy prompt's mark the same way, and answers the hang-up that follows.
// - the agent phone (UAS, one SIPp answering for every agent's endpoint) rings, answers, talks
//   back, and hangs up after the talk time (so the caller goes on to the survey); if Asterisk
//   hangs up first, it answers that instead.
// Both send Allow: UPDATE and run with -aa, so Asterisk's connected-line UPDATEs are answered
// instead of breaking the call. The citizen logs when it sent its INVITE, got its answer and its
// marks and sent its keys (SIPp's own clock), and times INVITE → 200 and INFO → 200 (rtd).

export interface CitizenPlan {
  /** The number dialed (12345, or the baseline's). */
  readonly service: string;
  /** The call's media from the answer on. */
  readonly mediaPcap: string;
  /** The keys, in order, each sent `keyAfterMs` after its prompt's mark. */
  readonly keys: readonly string[];
  readonly keyAfterMs: number;
  /** How long a mark may take to come (the survey's comes after the hold and the talk). */
  readonly markTimeoutMs: readonly number[];
  /** How long the system may take to hang up after the last key. */
  readonly byeTimeoutMs: number;
  /** Prompts after which no menu follows (the fallback's, the busy one's): their mark sends the citizen to wait for the hang-up instead of its next key. */
  readonly fallbackPrompts: readonly string[];
  /** How long the fallback queue, its agent's talk and the hang-up may take after such a mark. */
  readonly fallbackByeTimeoutMs: number;
}

export interface AgentPlan {
  readonly ringMs: number;
  readonly talkMs: number;
  readonly voicePcap: string;
}

const ALLOW = 'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, MESSAGE';

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
/** A line of SIPp's log (-trace_logs): what happened, to which caller, at SIPp's wall-clock time. */
const stampParts = (what: string): string => `<gettimeofday assign_to="s,us"/><log message="${xmlAttr(what)} [field0] [$s] [$us]"/>`;
const stampActions = (what: string): string => `<action>${stampParts(what)}</action>`;
const stamp = (what: string): string => `  <nop>${stampActions(what)}</nop>`;

function scenario(name: string, body: readonly string[]): string {
  return ['<?xml version="1.0" encoding="UTF-8" ?>', `<scenario name="${xmlAttr(name)}">`, ...body, '</scenario>', ''].join('\n');
}

/** A response to the request just received, in its dialog. */
function reply(status: string, extra: readonly string[] = ['Content-Length: 0']): string[] {
  return [`SIP/2.0 ${status}`, '[last_Via:]', '[last_From:]', '[last_To:]', '[last_Call-ID:]', '[last_CSeq:]', ...extra];
}

// The caller's number comes from the injection file (field0): one number per call, so each call
// can be found again in Asterisk's events, SIPp's log and the tickets.
const CITIZEN_DIALOG = {
  from: 'From: "citizen" <sip:[field0]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]',
  to: 'To: <sip:[service]@[remote_ip]:[remote_port]>',
};

function citizenRequest(method: string, cseq: number, withTag: boolean): string[] {
  return [
    `${method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0`,
    'Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]',
    CITIZEN_DIALOG.from,
    `${CITIZEN_DIALOG.to}${withTag ? '[peer_tag_param]' : ''}`,
    'Call-ID: [call_id]',
    `CSeq: ${cseq} ${method}`,
    'Max-Forwards: 70',
  ];
}

/**
 * Wait for prompt i's mark, answer it, wait as a person would, press the key (INFO). A mark of a
 * prompt no menu follows instead (SIPp sets `to_fallback` when the MESSAGE names one) leads to the
 * fallback branch: that call's menus are over.
 */
function keyStep(plan: CitizenPlan, i: number, key: string): string[] {
  // No group: SIPp would assign its match to a second variable.
  const fallback = `<ereg regexp="${plan.fallbackPrompts.map((prompt) => `prompt ${xmlAttr(prompt)}`).join('|')}" search_in="msg" check_it="false" assign_to="to_fallback"/>`;
  return [
    `  <recv request="MESSAGE" timeout="${plan.markTimeoutMs[i] ?? 60_000}" ontimeout="give_up"><action>${stampParts(`mark${i}`)}${fallback}</action></recv>`,
    '  <send>',
    message(reply('200 OK')),
    '  </send>',
    '  <nop test="to_fallback" next="fallback"/>',
    pause(plan.keyAfterMs),
    stamp(`key${i}`),
    '  <send retrans="500" start_rtd="key">',
    message([...citizenRequest('INFO', 2 + i, true), 'Content-Type: application/dtmf-relay', 'Content-Length: [len]', '', `Signal=${key}`, 'Duration=160']),
    '  </send>',
    '  <recv response="200" rtd="key"/>',
  ];
}

/** In the fallback queue: an agent answers, talks and hangs up, and so does the system. */
/** Waits for the system's BYE, answers it, stamps the end and finishes the call. */
function answerBye(timeoutMs: number): string[] {
  return [`  <recv request="BYE" timeout="${timeoutMs}" ontimeout="give_up"/>`, '  <send>', message(reply('200 OK')), '  </send>', stamp('ended'), '  <nop next="done"/>'];
}

function fallbackBranch(plan: CitizenPlan): string[] {
  return [
    '  <label id="fallback"/>',
    stamp('fallback'),
    ...answerBye(plan.fallbackByeTimeoutMs),
  ];
}

/** Nothing came in time: hang up ourselves and count the call as failed. */
function giveUp(cseq: number): string[] {
  return [
    '  <label id="give_up"/>',
    stamp('gave_up'),
    '  <send retrans="500">',
    message([...citizenRequest('BYE', cseq, true), 'Content-Length: 0']),
    '  </send>',
    '  <recv response="200" timeout="5000" ontimeout="failed"/>',
    '  <label id="failed"/>',
    '  <nop><action><exec int_cmd="stop_call"/></action></nop>',
  ];
}

export function citizenScenario(plan: CitizenPlan): string {
  return scenario(`hotline citizen ${plan.service}`, [
    stamp('invite'),
    '  <send retrans="500" start_rtd="invite">',
    message([...citizenRequest('INVITE', 1, false), 'Contact: <sip:[field0]@[local_ip]:[local_port]>', ALLOW, 'Content-Type: application/sdp', 'Content-Length: [len]', '', ...sdp('citizen')]),
    '  </send>',
    '  <recv response="100" optional="true"/>',
    '  <recv response="180" optional="true"/>',
    '  <recv response="183" optional="true"/>',
    `  <recv response="200" rtd="invite">${stampActions('answered')}</recv>`,
    '  <send>',
    message([...citizenRequest('ACK', 1, true), 'Content-Length: 0']),
    '  </send>',
    play(plan.mediaPcap),
    ...plan.keys.flatMap((key, i) => keyStep(plan, i, key)),
    ...answerBye(plan.byeTimeoutMs),
    ...fallbackBranch(plan),
    ...giveUp(2 + plan.keys.length),
    '  <label id="done"/>',
  ]);
}

export function agentScenario(plan: AgentPlan): string {
  const answer = (status: string, extra: readonly string[]): string[] => [
    `SIP/2.0 ${status}`,
    '[last_Via:]',
    '[last_From:]',
    '[last_To:];tag=[pid]SIPpTag01[call_number]',
    '[last_Call-ID:]',
    '[last_CSeq:]',
    ...extra,
  ];
  const contact = 'Contact: <sip:[local_ip]:[local_port];transport=[transport]>';
  // Kept from the INVITE to address the BYE: Asterisk's Contact, its From (the To of our BYE), and our To with our tag.
  const keep = [
    '<action>',
    '<ereg regexp="sip:[^&gt;;]*" search_in="hdr" header="Contact:" assign_to="target"/>',
    '<ereg regexp=".*" search_in="hdr" header="From:" assign_to="them"/>',
    '<ereg regexp=".*" search_in="hdr" header="To:" assign_to="us"/>',
    '</action>',
  ].join('');
  return scenario('hotline agent phone', [
    `  <recv request="INVITE" crlf="true">${keep}</recv>`,
    '  <send>',
    message(answer('180 Ringing', [contact, 'Content-Length: 0'])),
    '  </send>',
    pause(plan.ringMs),
    '  <send retrans="500">',
    message(answer('200 OK', [contact, ALLOW, 'Content-Type: application/sdp', 'Content-Length: [len]', '', ...sdp('agent')])),
    '  </send>',
    '  <recv request="ACK" crlf="true"/>',
    play(plan.voicePcap),
    // The talk: the agent hangs up after it, unless the hotline or the caller ends the call first.
    `  <recv request="BYE" timeout="${Math.round(plan.talkMs)}" ontimeout="hang_up"/>`,
    '  <send>',
    message(reply('200 OK')),
    '  </send>',
    '  <nop next="done"/>',
    '  <label id="hang_up"/>',
    '  <send retrans="500">',
    message([
      'BYE [$target] SIP/2.0',
      'Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]',
      'From: [$us];tag=[pid]SIPpTag01[call_number]',
      'To: [$them]',
      '[last_Call-ID:]',
      'CSeq: 1 BYE',
      contact,
      'Max-Forwards: 70',
      'Content-Length: 0',
    ]),
    '  </send>',
    '  <recv response="200"/>',
    '  <label id="done"/>',
  ]);
}

/** SIPp's injection file: one caller number per line, taken in order. */
export function numbersFile(numbers: readonly string[]): string {
  return ['SEQUENTIAL', ...numbers, ''].join('\n');
}
