// The messages between call workers and the ACD leader, and their checks. Workers append what
// happened to calls and agents (`AcdEventMessage`, one stream for the whole centre, read in order by
// the leader); the leader appends what must be done (`AcdCommandMessage`, one stream per PBX, read by
// the worker holding that PBX). Every message comes from another process, so each is checked field by
// field before the pure ACD sees it: a bad one is refused with a stable code, never half-applied.
import type { AcdCommand, AcdEvent, AcdEventType } from '../acd/acd-protocol.js';
import type { SenderStamp } from './sender-sequences.js';
import { isObject, jsonObjectOf } from './json-object.js';

/** Everything that happened, in the order the leader applies it. */
export const ACD_EVENTS_STREAM = 'acd:events';
/** What the leader tells the worker holding this PBX. */
export const acdCommandStream = (pbx: string): string => `acd:commands:${pbx}`;
/** Agents' states as the leader decides them, for every worker and web node. */
export const ACD_AGENTS_STREAM = 'acd:agents';
/** The `pbx` of events the leader itself appends (its timers), so they take their turn in the log. */
export const LEADER_SOURCE = 'leader';
const REPLY_PREFIX = 'acd:replies:';
/** Where the answers to a server's requests go; the leader writes to no other stream on a message's word. */
export const acdReplyStream = (node: string): string => `${REPLY_PREFIX}${node}`;

export interface AcdEventMessage {
  /** The PBX the event happened on (the call's box), the asking server for an agent's request, or `leader` for the leader's own timers. */
  readonly pbx: string;
  readonly event: AcdEvent;
  /** Set when the sender waits for the ACD's answer. */
  readonly reply?: AcdReplyAddress;
  /** Set by senders that append again after a timeout, so a second copy is known as one. */
  readonly sent?: SenderStamp;
}

export interface AcdReplyAddress {
  /** The asker's reply stream (`acd:replies:<node>`). */
  readonly stream: string;
  /** The asker's id of the request, unique among its requests. */
  readonly request: string;
}

export interface AcdReplyMessage {
  readonly epoch: number;
  readonly request: string;
  /** null when the ACD took the request, else its refusal code. */
  readonly code: string | null;
}

export interface AcdCommandMessage {
  /** The leader's lease epoch: a worker drops commands of an epoch older than one it has seen. */
  readonly epoch: number;
  readonly command: AcdCommand;
}

export type AcdMessageCode = 'ACD_MESSAGE_NOT_JSON' | 'ACD_MESSAGE_INVALID';
export type Parsed<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly code: AcdMessageCode; readonly detail: string };

type Kind = 'string' | 'number' | 'boolean' | 'string?' | 'nullable-string' | 'nullable-string?' | 'strings?';

const EVENT_FIELDS: { readonly [T in AcdEventType]: Readonly<Record<string, Kind>> } = {
  CallQueued: { callId: 'string', queueId: 'string', at: 'number', priorityClass: 'nullable-string?', skills: 'strings?' },
  CallAbandoned: { callId: 'string', at: 'number' },
  AgentAnswered: { callId: 'string', agentId: 'string', at: 'number' },
  OfferTimedOut: { callId: 'string', agentId: 'string', at: 'number' },
  OfferRinging: { callId: 'string', agentId: 'string', at: 'number' },
  OfferFailed: { callId: 'string', agentId: 'string', at: 'number' },
  CallEnded: { callId: 'string', at: 'number' },
  ConversationResumed: { callId: 'string', agentId: 'string', queueId: 'string', answeredAt: 'number', at: 'number' },
  CallbackRequested: { callId: 'string', number: 'string', at: 'number' },
  CallbackAnswered: { callId: 'string', at: 'number' },
  CallbackAttemptFailed: { callId: 'string', reason: 'string', at: 'number' },
  AgentLoggedIn: { agentId: 'string', at: 'number' },
  AgentLoggedOut: { agentId: 'string', at: 'number' },
  AgentPaused: { agentId: 'string', reason: 'string', at: 'number' },
  AgentResumed: { agentId: 'string', at: 'number' },
  PhoneReachabilityChanged: { agentId: 'string', reachable: 'boolean', at: 'number' },
  TicketFiled: { agentId: 'string', callId: 'nullable-string', at: 'number' },
  TimerFired: { timerId: 'string', at: 'number' },
};

/** Commands that travel (to a worker or to everyone); the leader keeps its timers and notices to itself. */
const COMMAND_FIELDS: Readonly<Record<string, Readonly<Record<string, Kind>>>> = {
  OfferCall: { callId: 'string', agentId: 'string', queueId: 'string', ringTimeoutSeconds: 'number' },
  CancelOffer: { callId: 'string', agentId: 'string', reason: 'string' },
  PlayMusicOnHold: { callId: 'string', musicOnHold: 'string' },
  AnnouncePosition: { callId: 'string', queueId: 'string', position: 'number', estimatedWaitSeconds: 'number', callbackOffered: 'boolean' },
  ConfirmCallback: { callId: 'string', queueId: 'string', position: 'number' },
  DialCallback: { callId: 'string', agentId: 'string', queueId: 'string', number: 'string', attempt: 'number' },
  RejectCall: { callId: 'string', queueId: 'string', reason: 'string' },
  CallOverflowed: { callId: 'string', fromQueueId: 'string', toQueueId: 'string', reason: 'string' },
  CallbackFailed: { callId: 'string', queueId: 'string', number: 'string', attempts: 'number' },
  AgentStateChanged: { agentId: 'string', state: 'string', reason: 'nullable-string', callId: 'nullable-string' },
};

/** Whether a command is carried to workers (true) or stays with the leader (timers, rejections). */
export function travels(command: AcdCommand): boolean {
  return command.type in COMMAND_FIELDS;
}

export function parseEventMessage(body: string): Parsed<AcdEventMessage> {
  const root = parseObject(body);
  if (!root.ok) return root;
  const { pbx, event, reply, sent } = root.message;
  if (typeof pbx !== 'string' || pbx === '') return invalid('pbx: expected a non-empty string');
  const checked = checkTyped(event, EVENT_FIELDS as Readonly<Record<string, Readonly<Record<string, Kind>>>>, 'event');
  if (checked) return checked;
  const address = reply === undefined ? undefined : replyAddress(reply);
  if (address && 'detail' in address) return address;
  const stamp = sent === undefined ? undefined : senderStamp(sent);
  if (stamp && 'detail' in stamp) return stamp;
  return { ok: true, message: { pbx, event: event as AcdEvent, ...(address ? { reply: address } : {}), ...(stamp ? { sent: stamp } : {}) } };
}

function senderStamp(sent: unknown): SenderStamp | { ok: false; code: AcdMessageCode; detail: string } {
  if (!isObject(sent)) return invalid('sent: expected an object');
  const { run, seq } = sent;
  if (typeof run !== 'string' || run === '') return invalid('sent.run: expected a non-empty string');
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1) return invalid('sent.seq: expected a positive integer');
  if (Object.keys(sent).length !== 2) return invalid('sent: unknown field');
  return { run, seq };
}

function replyAddress(reply: unknown): AcdReplyAddress | { ok: false; code: AcdMessageCode; detail: string } {
  if (!isObject(reply)) return invalid('reply: expected an object');
  const { stream, request } = reply;
  if (typeof stream !== 'string' || !stream.startsWith(REPLY_PREFIX) || stream.length === REPLY_PREFIX.length) return invalid(`reply.stream: expected ${REPLY_PREFIX}<node>`);
  if (typeof request !== 'string' || request === '') return invalid('reply.request: expected a non-empty string');
  if (Object.keys(reply).length !== 2) return invalid('reply: unknown field');
  return { stream, request };
}

export function parseReplyMessage(body: string): Parsed<AcdReplyMessage> {
  const root = parseObject(body);
  if (!root.ok) return root;
  const { epoch, request, code } = root.message;
  if (typeof epoch !== 'number' || !Number.isInteger(epoch) || epoch < 1) return invalid('epoch: expected a positive integer');
  if (typeof request !== 'string' || request === '') return invalid('request: expected a non-empty string');
  if (code !== null && typeof code !== 'string') return invalid('code: expected a string or null');
  return { ok: true, message: { epoch, request, code } };
}

export function parseCommandMessage(body: string): Parsed<AcdCommandMessage> {
  const root = parseObject(body);
  if (!root.ok) return root;
  const { epoch, command } = root.message;
  if (typeof epoch !== 'number' || !Number.isInteger(epoch) || epoch < 1) return invalid('epoch: expected a positive integer');
  const checked = checkTyped(command, COMMAND_FIELDS, 'command');
  return checked ?? { ok: true, message: { epoch, command: command as AcdCommand } };
}

function parseObject(body: string): Parsed<Readonly<Record<string, unknown>>> {
  const value = jsonObjectOf(body);
  if (value === 'not-json') return { ok: false, code: 'ACD_MESSAGE_NOT_JSON', detail: 'the message is not JSON' };
  return value === 'not-object' ? invalid('expected an object') : { ok: true, message: value };
}

/** Null when `value` is an object of a known type with every field of its kind (and no other). */
function checkTyped(value: unknown, table: Readonly<Record<string, Readonly<Record<string, Kind>>>>, name: string): { ok: false; code: AcdMessageCode; detail: string } | null {
  if (!isObject(value)) return invalid(`${name}: expected an object`);
  const type = value.type;
  const fields = typeof type === 'string' && Object.hasOwn(table, type) ? table[type] : undefined;
  if (!fields) return invalid(`${name}.type: unknown type ${JSON.stringify(type)}`);
  for (const key of Object.keys(value)) if (key !== 'type' && !Object.hasOwn(fields, key)) return invalid(`${name}.${key}: unknown field`);
  for (const [key, kind] of Object.entries(fields)) if (!fits(value[key], kind, key in value)) return invalid(`${name}.${key}: expected ${kind}`);
  return null;
}

function fits(value: unknown, kind: Kind, present: boolean): boolean {
  if (kind.endsWith('?') && !present) return true;
  switch (kind.replace(/\?$/, '')) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'nullable-string':
      return value === null || typeof value === 'string';
    case 'strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    default:
      return false;
  }
}

function invalid(detail: string): { ok: false; code: 'ACD_MESSAGE_INVALID'; detail: string } {
  return { ok: false, code: 'ACD_MESSAGE_INVALID', detail };
}
