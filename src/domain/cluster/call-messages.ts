// The requests a server of a cluster relays to the server running a PBX's calls (the list of live
// calls, an agent's action on a conversation, a supervisor's on a call), and the answers. They cross processes, so each is
// checked field by field; the server answers only on a reply stream (`calls:replies:<node>`).
import type { TransferMode, TransferTarget } from '../calls/call-protocol.js';
import { MONITOR_MODES, type MonitorMode } from '../monitoring/monitor-session.js';
import { isObject, jsonObjectOf } from './json-object.js';

/** What the server holding this PBX reads. */
export const callRequestStream = (pbx: string): string => `calls:requests:${pbx}`;
const REPLY_PREFIX = 'calls:replies:';
export const callReplyStream = (node: string): string => `${REPLY_PREFIX}${node}`;

export type CallRequest =
  | { readonly op: 'activeCalls' }
  | { readonly op: 'transfer'; readonly callId: string; readonly target: TransferTarget; readonly mode: TransferMode }
  | { readonly op: 'addParty'; readonly callId: string; readonly number: string }
  | { readonly op: 'hangUp'; readonly callId: string }
  | { readonly op: 'monitors' }
  | { readonly op: 'monitor'; readonly callId: string; readonly actor: RelayedActor; readonly mode: MonitorMode }
  | { readonly op: 'monitorChange'; readonly monitorId: string; readonly actor: RelayedActor; readonly mode: MonitorMode }
  | { readonly op: 'monitorStop' | 'monitorTakeOver'; readonly monitorId: string; readonly actor: RelayedActor }
  | { readonly op: 'release'; readonly callId: string; readonly actor: RelayedActor };

/** Who asks for a supervisor's action: the signed-in user's id and role, as the asking server knew them. */
export interface RelayedActor {
  readonly id: string;
  readonly role: string;
}

export interface CallRequestMessage {
  readonly request: string;
  /** The asker's reply stream. */
  readonly reply: string;
  /** When the asker stops waiting (epoch ms): a request read later is not carried out. */
  readonly expiresAt: number;
  readonly ask: CallRequest;
}

export interface CallReplyMessage {
  readonly request: string;
  /** The live calls' answer: a list of calls, or an action's result. */
  readonly answer: unknown;
}

export type CallMessageCode = 'CALL_MESSAGE_NOT_JSON' | 'CALL_MESSAGE_INVALID';
export type ParsedCall<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly code: CallMessageCode; readonly detail: string };

export function parseCallRequest(body: string): ParsedCall<CallRequestMessage> {
  const root = objectOf(body);
  if (!root.ok) return root;
  const { request, reply, expiresAt, ask } = root.message;
  if (typeof request !== 'string' || request === '') return invalid('request: expected a non-empty string');
  if (typeof reply !== 'string' || !reply.startsWith(REPLY_PREFIX) || reply.length === REPLY_PREFIX.length) return invalid(`reply: expected ${REPLY_PREFIX}<node>`);
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return invalid('expiresAt: expected a time');
  const checked = callRequest(ask);
  return 'detail' in checked ? checked : { ok: true, message: { request, reply, expiresAt, ask: checked } };
}

export function parseCallReply(body: string): ParsedCall<CallReplyMessage> {
  const root = objectOf(body);
  if (!root.ok) return root;
  const { request, answer } = root.message;
  if (typeof request !== 'string' || request === '') return invalid('request: expected a non-empty string');
  return { ok: true, message: { request, answer } };
}

function callRequest(ask: unknown): CallRequest | { ok: false; code: CallMessageCode; detail: string } {
  if (!isObject(ask)) return invalid('ask: expected an object');
  const text = (key: string): string | null => (typeof ask[key] === 'string' && ask[key] !== '' ? (ask[key] as string) : null);
  const callId = text('callId');
  switch (ask.op) {
    case 'activeCalls':
      return { op: 'activeCalls' };
    case 'hangUp':
      return callId ? { op: 'hangUp', callId } : invalid('ask.callId: expected a non-empty string');
    case 'addParty': {
      const number = text('number');
      return callId && number ? { op: 'addParty', callId, number } : invalid('ask: expected callId and number');
    }
    case 'transfer': {
      const target = transferTarget(ask.target);
      const mode = ask.mode === 'blind' || ask.mode === 'attended' ? ask.mode : null;
      return callId && target && mode ? { op: 'transfer', callId, target, mode } : invalid('ask: expected callId, target ({queue} or {agent}) and mode');
    }
    case 'monitors':
      return { op: 'monitors' };
    default:
      return monitorRequest(ask, callId);
  }
}

/** A supervisor's request: who asks, and the call or session (and the mode) it is about. */
function monitorRequest(ask: Readonly<Record<string, unknown>>, callId: string | null): CallRequest | { ok: false; code: CallMessageCode; detail: string } {
  const actor = relayedActor(ask.actor);
  const mode = MONITOR_MODES.find((known) => known === ask.mode) ?? null;
  const monitorId = typeof ask.monitorId === 'string' && ask.monitorId !== '' ? ask.monitorId : null;
  switch (ask.op) {
    case 'monitor':
      return callId && actor && mode ? { op: 'monitor', callId, actor, mode } : invalid('ask: expected callId, actor ({id, role}) and mode');
    case 'release':
      return callId && actor ? { op: 'release', callId, actor } : invalid('ask: expected callId and actor ({id, role})');
    case 'monitorChange':
      return monitorId && actor && mode ? { op: 'monitorChange', monitorId, actor, mode } : invalid('ask: expected monitorId, actor ({id, role}) and mode');
    case 'monitorStop':
    case 'monitorTakeOver':
      return monitorId && actor ? { op: ask.op, monitorId, actor } : invalid('ask: expected monitorId and actor ({id, role})');
    default:
      return invalid(`ask.op: unknown ${JSON.stringify(ask.op)}`);
  }
}

function relayedActor(actor: unknown): RelayedActor | null {
  if (!isObject(actor) || typeof actor.id !== 'string' || actor.id === '' || typeof actor.role !== 'string' || actor.role === '') return null;
  return { id: actor.id, role: actor.role };
}

function transferTarget(target: unknown): TransferTarget | null {
  if (!isObject(target) || Object.keys(target).length !== 1) return null;
  if (typeof target.queue === 'string' && target.queue !== '') return { queue: target.queue };
  if (typeof target.agent === 'string' && target.agent !== '') return { agent: target.agent };
  return null;
}

function objectOf(body: string): ParsedCall<Readonly<Record<string, unknown>>> {
  const value = jsonObjectOf(body);
  if (value === 'not-json') return { ok: false, code: 'CALL_MESSAGE_NOT_JSON', detail: 'the message is not JSON' };
  return value === 'not-object' ? invalid('expected an object') : { ok: true, message: value };
}

function invalid(detail: string): { ok: false; code: 'CALL_MESSAGE_INVALID'; detail: string } {
  return { ok: false, code: 'CALL_MESSAGE_INVALID', detail };
}
