// Relays SIP over WebSocket between a browser phone and Asterisk's loopback WebSocket, frame by
// frame: each frame from the phone is judged first (domain/phone/phone-frame-check.ts), Asterisk's
// frames go to the phone as they are. When either side closes, so does the other.
import WebSocket, { type RawData } from 'ws';
import { checkPhoneFrame, forbiddenReply, type PhoneFrameRefusal, type PhoneSocketKind } from '../../domain/phone/phone-frame-check.js';

/** SIP messages are a few kilobytes (an INVITE with an ICE-laden SDP ~ 6 KB); 64 KiB leaves room and stops a flood. */
export const PHONE_FRAME_MAX_BYTES = 64 * 1024;

export interface RelayObserver {
  /** A frame from the phone was not passed to Asterisk. */
  refused(reason: PhoneFrameRefusal, method: string | null, fromHeader: string | null): void;
  /** Both sides are closed; `by` says which closed first. */
  closed(by: 'phone' | 'pbx', code: number): void;
}

/** Opens Asterisk's SIP WebSocket (subprotocol sip), or rejects within `timeoutMs`. */
export function connectToPbx(url: string, timeoutMs: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const pbx = new WebSocket(url, 'sip', { maxPayload: PHONE_FRAME_MAX_BYTES, handshakeTimeout: timeoutMs, perMessageDeflate: false });
    pbx.once('open', () => {
      pbx.removeAllListeners('error');
      resolve(pbx);
    });
    pbx.once('error', (error) => {
      pbx.terminate();
      reject(error);
    });
  });
}

/** A close code one may send on: an abnormal end (1005, 1006, 1015) becomes 1011 towards the other side. */
function sendableCode(code: number): number {
  return code === 1000 || code === 1001 || (code >= 3000 && code <= 4999) ? code : 1011;
}

function text(data: RawData): string {
  return Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
}

/** Relays frames between `phone` (admitted as `ownEndpoint`, an agent's or the demo citizen's) and `pbx` until either closes. */
export function relayPhoneFrames(phone: WebSocket, pbx: WebSocket, ownEndpoint: string, observer: RelayObserver, kind: PhoneSocketKind = 'agent'): void {
  let closedBy: 'phone' | 'pbx' | null = null;
  const end = (by: 'phone' | 'pbx', code: number): void => {
    if (closedBy !== null) return;
    closedBy = by;
    const other = by === 'phone' ? pbx : phone;
    if (other.readyState === WebSocket.OPEN || other.readyState === WebSocket.CONNECTING) other.close(sendableCode(code));
    // A peer that never answers the closing handshake is cut off rather than kept open.
    setTimeout(() => other.terminate(), 5000).unref();
    observer.closed(by, code);
  };
  phone.on('message', (data, isBinary) => {
    const frame = text(data);
    const verdict = checkPhoneFrame(frame, ownEndpoint, kind);
    if (verdict.pass) {
      if (pbx.readyState === WebSocket.OPEN) pbx.send(isBinary ? Buffer.from(frame, 'utf8') : frame, { binary: isBinary });
      return;
    }
    const reply = verdict.request ? forbiddenReply(verdict.request) : null;
    if (reply !== null && phone.readyState === WebSocket.OPEN) phone.send(reply);
    observer.refused(verdict.reason, verdict.request?.method ?? null, verdict.request?.headers.get('from')?.[0] ?? null);
  });
  pbx.on('message', (data, isBinary) => {
    if (phone.readyState === WebSocket.OPEN) phone.send(isBinary ? Buffer.from(text(data), 'utf8') : text(data), { binary: isBinary });
  });
  phone.on('close', (code) => end('phone', code));
  pbx.on('close', (code) => end('pbx', code));
  // An error is followed by 'close'; without a listener it would be thrown.
  phone.on('error', () => phone.terminate());
  pbx.on('error', () => pbx.terminate());
}
