// A phone's own requests inside a call Asterisk placed to it and the phone answered (the dialog of
// that INVITE, as RFC 3261 §12 builds it): a re-INVITE that holds the call or takes it off hold, the
// ACK of its 200 OK, and a BYE. Written by hand for the pbx tier, like sip-register.ts.
import { randomBytes } from 'node:crypto';

export interface SipDialog {
  readonly callId: string;
  /** Asterisk's Contact: where the phone's requests go. */
  readonly target: string;
  /** The phone's side (the INVITE's To, with the tag its 200 OK gave). */
  readonly local: string;
  /** Asterisk's side (the INVITE's From, with its tag). */
  readonly remote: string;
  /** The phone's address for Via and Contact (host:port). */
  readonly via: string;
  readonly user: string;
}

function header(message: string, name: string): string {
  const line = message.split('\r\n\r\n')[0]?.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (!line) throw new Error(`no ${name} in:\n${message}`);
  return line.slice(name.length + 1).trim();
}

/** The dialog of an INVITE the phone answered with `answerTo`'s fixed tag (sip-line.ts). */
export function dialogOf(invite: string, via: string, user: string): SipDialog {
  const to = header(invite, 'To');
  return {
    callId: header(invite, 'Call-ID'),
    target: /<([^>]+)>/.exec(header(invite, 'Contact'))?.[1] ?? '',
    local: /;tag=/.test(to) ? to : `${to};tag=test-phone`,
    remote: header(invite, 'From'),
    via,
    user,
  };
}

/** An audio offer or answer from the phone: PCMU on a port nobody listens on (the media is not the test's). */
export function phoneSdp(direction: 'sendrecv' | 'sendonly', version: number): string {
  return ['v=0', `o=- 1 ${version} IN IP4 127.0.0.1`, 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 40002 RTP/AVP 0 101', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', `a=${direction}`, ''].join('\r\n');
}

export function inDialogRequest(dialog: SipDialog, method: 'INVITE' | 'ACK' | 'BYE', cseq: number, sdp = '', to = dialog.remote): string {
  const lines = [
    `${method} ${dialog.target} SIP/2.0`,
    `Via: SIP/2.0/UDP ${dialog.via};branch=z9hG4bK${randomBytes(6).toString('hex')};rport`,
    'Max-Forwards: 70',
    `From: ${dialog.local}`,
    `To: ${to}`,
    `Call-ID: ${dialog.callId}`,
    `CSeq: ${cseq} ${method}`,
    `Contact: <sip:${dialog.user}@${dialog.via}>`,
    ...(sdp ? ['Content-Type: application/sdp'] : []),
    `Content-Length: ${Buffer.byteLength(sdp)}`,
  ];
  return `${lines.join('\r\n')}\r\n\r\n${sdp}`;
}
