// The one place that speaks to JsSIP (docs/decisions.md, "The browser phone speaks SIP with JsSIP"):
// it registers the agent's (or the supervisor's wallboard) browser endpoint over the server's /sip WebSocket, turns the SIP stack's
// events into PhoneEvents, and carries out the card's commands on the one call it holds. The citizen
// phone page (demo) uses it too, without registering: it dials the hotline instead.
import * as JsSIP from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRTCSessionEvent, RTCSessionEvent } from 'jssip/lib/UA';
import { isLineCall, isMonitorCall, LINE_CALL_HEADER, MONITOR_CALL_HEADER } from '../../../src/contract/phone-line.js';
import type { MediaState, PhoneEvent } from './phone-state.js';

export interface SipPhoneOptions {
  /** ws(s)://<this page's host>/sip */
  readonly socketUrl: string;
  readonly sipUri: string;
  readonly authUser: string;
  readonly password: string;
  /** Where the caller's voice plays. */
  readonly remoteAudio: HTMLAudioElement;
  readonly dispatch: (event: PhoneEvent) => void;
  /** Registers the endpoint (default): the agent's phone is rung. The citizen's phone only dials. */
  readonly register?: boolean;
  /** A call this phone dialled did not connect: the SIP status (null without an answer) and JsSIP's cause. */
  readonly callFailed?: (status: number | null, cause: string) => void;
}

export interface SipPhone {
  /** Answers the ringing call with the microphone's stream (opened by the caller of this, who reports its failures). */
  answer(microphone: MediaStream): void;
  decline(): void;
  hangUp(): void;
  setMuted(muted: boolean): void;
  setHeld(held: boolean): void;
  /** One key, as RFC 2833 telephone events in the call's RTP (what Asterisk's dtmf_mode = rfc4733 expects). */
  sendDigit(digit: string): void;
  /** Puts another microphone on the call in progress (a headset chosen mid-call). */
  replaceMicrophone(microphone: MediaStream): Promise<void>;
  /** Calls `target` (a SIP URI) with the microphone's stream and extra SIP headers; false while a call is held already. */
  dial(target: string, microphone: MediaStream, extraHeaders?: readonly string[]): boolean;
  /** The call's WebRTC statistics (what is received and sent), or null without a call. */
  mediaStats(): Promise<RTCStatsReport | null>;
  stop(): void;
}

const MEDIA_OF_ICE: Partial<Record<RTCIceConnectionState, MediaState>> = { checking: 'connecting', connected: 'connected', completed: 'connected', failed: 'failed' };

export function startSipPhone(options: SipPhoneOptions): SipPhone {
  const { dispatch, remoteAudio } = options;
  const ua = new JsSIP.UA({
    sockets: [new JsSIP.WebSocketInterface(options.socketUrl)],
    uri: options.sipUri,
    authorization_user: options.authUser,
    password: options.password,
    // The endpoint's own name as the contact's user (JsSIP's default is a random one): Asterisk
    // addresses its calls to the contact, so the phone's requests inside those calls (re-INVITE for
    // hold, BYE) come From that user, and the /sip relay passes only requests from the endpoint itself.
    contact_uri: `sip:${options.authUser}@${Math.random().toString(36).slice(2, 10)}.invalid;transport=ws`,
    register: options.register ?? true,
    // Asterisk's qualify keeps the socket in use; a two-minute registration, renewed before it runs
    // out, is plenty.
    register_expires: 120,
    // A server restart should find the phone back within seconds, without hammering it.
    connection_recovery_min_interval: 2,
    connection_recovery_max_interval: 30,
    session_timers: false,
    user_agent: 'hotline-cti desktop',
  });
  let session: RTCSession | null = null;
  let microphone: MediaStream | null = null;

  ua.on('connecting', ({ attempts }) => dispatch({ type: 'SocketConnecting', attempt: attempts }));
  ua.on('connected', () => dispatch({ type: 'SocketConnected' }));
  ua.on('disconnected', () => dispatch({ type: 'SocketLost' }));
  ua.on('registered', () => dispatch({ type: 'Registered' }));
  ua.on('unregistered', () => dispatch({ type: 'Unregistered' }));
  ua.on('registrationFailed', ({ response, cause }) => dispatch({ type: 'RegistrationFailed', status: response?.status_code ?? null, cause: String(cause ?? '') }));
  ua.on('newRTCSession', (event: RTCSessionEvent) => {
    if (event.originator !== 'remote') return;
    const incoming = event as IncomingRTCSessionEvent;
    // One call at a time: a second offer is answered busy, the call in progress goes on.
    if (session) return incoming.session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
    adopt(incoming);
  });

  /** Follows the call `held` (offered to the phone, or dialled by it) until it ends. */
  const follow = (held: RTCSession): void => {
    session = held;
    const callId = held.id;
    const ended = (): void => {
      if (session !== held) return;
      session = null;
      microphone?.getTracks().forEach((track) => track.stop());
      microphone = null;
      remoteAudio.srcObject = null;
      dispatch({ type: 'CallEnded', callId });
    };
    held.on('confirmed', () => dispatch({ type: 'CallConfirmed', callId }));
    held.on('ended', ended);
    held.on('failed', ended);
    held.on('muted', () => dispatch({ type: 'MuteChanged', callId, muted: true }));
    held.on('unmuted', () => dispatch({ type: 'MuteChanged', callId, muted: false }));
    // Only the agent's own hold is shown; Asterisk does not hold the browser's side.
    held.on('hold', ({ originator }) => originator === 'local' && dispatch({ type: 'HoldChanged', callId, held: true }));
    held.on('unhold', ({ originator }) => originator === 'local' && dispatch({ type: 'HoldChanged', callId, held: false }));
  };

  const adopt = ({ session: offered, request }: IncomingRTCSessionEvent): void => {
    offered.on('peerconnection', ({ peerconnection }) => watchMedia(peerconnection, offered.id));
    follow(offered);
    const from = offered.remote_identity.display_name || offered.remote_identity.uri.user || '';
    dispatch({ type: 'CallOffered', callId: offered.id, from, line: isLineCall(request.getHeader(LINE_CALL_HEADER)), monitor: isMonitorCall(request.getHeader(MONITOR_CALL_HEADER)) });
  };

  const dial = (target: string, stream: MediaStream, extraHeaders: readonly string[] = []): boolean => {
    if (session) return false;
    // JsSIP makes the peer connection inside call(), before the call has its id here.
    let callId: string | null = null;
    let early: RTCPeerConnection | null = null;
    const dialled = ua.call(target, {
      mediaStream: stream,
      extraHeaders: [...extraHeaders],
      pcConfig: { iceServers: [] },
      // Attached before the INVITE goes, so the media's first events are not missed.
      eventHandlers: {
        peerconnection: ({ peerconnection }) => (callId === null ? (early = peerconnection) : watchMedia(peerconnection, callId)),
        failed: ({ message, cause }) => options.callFailed?.(message && 'status_code' in message ? (message.status_code ?? null) : null, String(cause ?? '')),
      },
    });
    callId = dialled.id;
    if (early) watchMedia(early, callId);
    if (dialled.isEnded()) {
      stream.getTracks().forEach((track) => track.stop());
      dispatch({ type: 'CallEnded', callId });
      return true;
    }
    microphone = stream;
    follow(dialled);
    return true;
  };

  const watchMedia = (connection: RTCPeerConnection, callId: string): void => {
    connection.addEventListener('track', (event) => {
      remoteAudio.srcObject = event.streams[0] ?? new MediaStream([event.track]);
      void remoteAudio.play().catch(() => undefined);
    });
    connection.addEventListener('iceconnectionstatechange', () => {
      const media = MEDIA_OF_ICE[connection.iceConnectionState];
      if (media) dispatch({ type: 'MediaChanged', callId, media });
    });
  };

  ua.start();
  return {
    answer: (stream) => {
      if (!session || session.isEstablished()) return void stream.getTracks().forEach((track) => track.stop());
      microphone = stream;
      session.answer({ mediaStream: stream, pcConfig: { iceServers: [] } });
    },
    decline: () => session?.terminate({ status_code: 486, reason_phrase: 'Busy Here' }),
    hangUp: () => session?.terminate(),
    setMuted: (muted) => (muted ? session?.mute({ audio: true }) : session?.unmute({ audio: true })),
    setHeld: (held) => void (held ? session?.hold() : session?.unhold()),
    sendDigit: (digit) => session?.sendDTMF(digit, { transportType: JsSIP.C.DTMF_TRANSPORT.RFC2833, duration: 160 }),
    dial,
    mediaStats: async () => (session?.connection ? session.connection.getStats() : null),
    replaceMicrophone: async (stream) => {
      const track = stream.getAudioTracks()[0];
      const sender = session?.connection?.getSenders().find((s) => s.track?.kind === 'audio');
      if (!track || !sender || !session) return void stream.getTracks().forEach((t) => t.stop());
      // Keep the agent's mute: the new track starts as the old one was.
      track.enabled = !session.isMuted().audio;
      await sender.replaceTrack(track);
      microphone?.getTracks().forEach((t) => t.stop());
      microphone = stream;
    },
    stop: () => {
      session?.terminate();
      ua.stop();
    },
  };
}
