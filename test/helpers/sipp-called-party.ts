// SIPp as the people outbound calls reach: one UAS inside the Asterisk root that answers by the number
// dialed (the INVITE's user part): 1701… busy (486), 1404… no such number (404), 1603… declines (603), 1000… rings until the
// caller gives up (CANCEL → 487), any other answers and sends its last digit as an RFC 4733 key 1.5 s
// later, then waits for the hotline to hang up; a test may give numbers of its own a behaviour (busy, or
// the key they send) ahead of these rules. Every INVITE is logged with its number (-trace_logs),
// so a test counts the INVITEs each number received.
import fs from 'node:fs';
import path from 'node:path';
import { callMedia, pcapFile } from '../../bench/load/rtp-pcap.js';
import { hostPath, innerPath, sippLogFile, startAgents, type SippPlace, type SippRun } from '../../bench/load/sipp-run.js';

const KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

const response = (status: string, extra: readonly string[]): string =>
  ['  <send>', '    <![CDATA[', `      SIP/2.0 ${status}`, '      [last_Via:]', '      [last_From:]', '      [last_To:];tag=[pid]SIPpTag01[call_number]', '      [last_Call-ID:]', ...extra.map((line) => `      ${line}`), '    ]]>', '  </send>'].join('\n');

const SDP = ['v=0', 'o=callee 1 1 IN IP[local_ip_type] [local_ip]', 's=-', 'c=IN IP[media_ip_type] [media_ip]', 't=0 0', 'm=audio [media_port] RTP/AVP 0 101', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16', 'a=ptime:20'];
const CONTACT = 'Contact: <sip:[local_ip]:[local_port];transport=[transport]>';

/** What a number the test names does instead of the rules by its digits: 486 busy, or answer and send this key. */
export type CalledBehaviour = 'busy' | (typeof KEYS)[number];

function scenario(pcapOf: (key: string) => string, own: Readonly<Record<string, CalledBehaviour>>): string {
  const ownNumbers = Object.entries(own).map(([number, behaviour], i) => ({ test: `own${i}`, number, behaviour }));
  const ownTests = ownNumbers.map((o) => `<ereg regexp="^INVITE sip:${o.number}@" search_in="msg" check_it="false" assign_to="${o.test}"/>`).join('');
  const ownBusy = ownNumbers.filter((o) => o.behaviour === 'busy').map((o) => `  <nop next="busy" test="${o.test}"/>`);
  const ownKeys = ownNumbers.filter((o) => o.behaviour !== 'busy').map((o) => `  <nop next="answer${o.behaviour}" test="${o.test}"/>`);
  const keyTests = KEYS.map((key) => `<ereg regexp="^INVITE sip:[0-9]*${key}@" search_in="msg" check_it="false" assign_to="key${key}"/>`).join('');
  const answered = KEYS.map((key) =>
    [
      `  <label id="answer${key}"/>`,
      response('200 OK', [CONTACT, 'CSeq: [$cseq] INVITE', 'Content-Type: application/sdp', 'Content-Length: [len]', '', ...SDP]),
      '  <recv request="ACK" crlf="true"/>',
      `  <nop><action><exec play_pcap_audio="${pcapOf(key)}"/></action></nop>`,
      '  <nop next="talk"/>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<scenario name="outbound called party">',
    '  <recv request="INVITE" crlf="true"><action>',
    '    <ereg regexp="^INVITE sip:([0-9]+)@" search_in="msg" assign_to="whole,num"/>',
    '    <ereg regexp="CSeq: *([0-9]+)" search_in="msg" assign_to="cseqline,cseq"/>',
    '    <ereg regexp="^INVITE sip:1701" search_in="msg" check_it="false" assign_to="busy"/>',
    '    <ereg regexp="^INVITE sip:1404" search_in="msg" check_it="false" assign_to="missing"/>',
    '    <ereg regexp="^INVITE sip:1000" search_in="msg" check_it="false" assign_to="silent"/>',
    '    <ereg regexp="^INVITE sip:1603" search_in="msg" check_it="false" assign_to="declines"/>',
    `    ${keyTests}${ownTests}`,
    '    <log message="INVITE [$num] ([$whole], [$cseqline])"/>',
    '  </action></recv>',
    ...ownBusy,
    '  <nop next="busy" test="busy"/>',
    '  <nop next="missing" test="missing"/>',
    '  <nop next="declines" test="declines"/>',
    response('180 Ringing', [CONTACT, 'CSeq: [$cseq] INVITE', 'Content-Length: 0']),
    '  <nop next="silent" test="silent"/>',
    ...ownKeys,
    ...KEYS.map((key) => `  <nop next="answer${key}" test="key${key}"/>`),
    '  <nop next="end"/>',
    ...answered,
    '  <label id="talk"/>',
    '  <recv request="BYE" timeout="120000" ontimeout="end"/>',
    response('200 OK', ['[last_CSeq:]', 'Content-Length: 0']),
    '  <nop next="end"/>',
    '  <label id="busy"/>',
    response('486 Busy Here', ['CSeq: [$cseq] INVITE', 'Content-Length: 0']),
    '  <recv request="ACK"/>',
    '  <nop next="end"/>',
    '  <label id="missing"/>',
    response('404 Not Found', ['CSeq: [$cseq] INVITE', 'Content-Length: 0']),
    '  <recv request="ACK"/>',
    '  <nop next="end"/>',
    '  <label id="declines"/>',
    response('603 Decline', ['CSeq: [$cseq] INVITE', 'Content-Length: 0']),
    '  <recv request="ACK"/>',
    '  <nop next="end"/>',
    '  <label id="silent"/>',
    '  <recv request="CANCEL" timeout="120000" ontimeout="end"/>',
    response('200 OK', ['[last_CSeq:]', 'Content-Length: 0']),
    response('487 Request Terminated', ['CSeq: [$cseq] INVITE', 'Content-Length: 0']),
    '  <recv request="ACK"/>',
    '  <label id="end"/>',
    '</scenario>',
    '',
  ].join('\n');
}

export interface CalledParty {
  /** How many INVITEs each number received so far. */
  invites(): Map<string, number>;
  stop(): Promise<void>;
}

/** Starts the UAS on `sipPort` (media on `mediaPort`), its files in a folder of its own inside the root. */
export function startCalledParty(rootDir: string, name: string, sipPort: number, mediaPort: number, own: Readonly<Record<string, CalledBehaviour>> = {}): CalledParty {
  const place: SippPlace = { rootDir, dir: `/tmp/${name}-${process.pid}` };
  fs.rmSync(hostPath(place, ''), { recursive: true, force: true });
  fs.mkdirSync(hostPath(place, ''), { recursive: true });
  for (const key of KEYS) {
    const packets = callMedia({ durationMs: 8000, keys: [{ key, atMs: 1500 }], voiceFromMs: 8000 }, { seq: 1, timestamp: 0, ssrc: 0x4f00 + Number(key) });
    fs.writeFileSync(hostPath(place, `key${key}.pcap`), pcapFile(packets));
  }
  fs.writeFileSync(hostPath(place, 'callee.xml'), scenario((key) => innerPath(place, `key${key}.pcap`), own));
  const run: SippRun = startAgents(place, { scenario: 'callee.xml', name, sipPort, mediaPort });
  const logFile = hostPath(place, sippLogFile(name));
  return {
    invites: () => {
      const counts = new Map<string, number>();
      const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
      for (const match of text.matchAll(/INVITE (\d+)/g)) counts.set(match[1] as string, (counts.get(match[1] as string) ?? 0) + 1);
      return counts;
    },
    stop: async () => {
      await run.stop(2000);
      fs.rmSync(path.join(rootDir, place.dir), { recursive: true, force: true });
    },
  };
}
