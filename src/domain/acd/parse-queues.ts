// Validates the queue file (fixtures/queues.yaml or the configured override) once it is parsed into
// plain data. Errors carry stable codes (QUEUE_*) and the path of the offending field.
import { DEFAULT_SETTINGS, type AcdConfig, type AcdSettings, type CallbackRule, type OverflowRule, type ParseResult, type QueueConfig } from './acd-config.js';
import { FieldReader, join } from './field-reader.js';

type Obj = Readonly<Record<string, unknown>>;

const ID = /^[a-z0-9][a-z0-9_-]*$/;
const TOP_FIELDS = ['priorityClasses', 'levelBonusSeconds', 'initialHandleSeconds', 'queues'];
const QUEUE_FIELDS = [
  'id', 'name', 'priorityClass', 'skills', 'serviceLevelSeconds', 'secondChoice', 'overflow', 'maxLength', 'announceEverySeconds',
  'musicOnHold', 'wrapUpSeconds', 'wrapUpEndsOnTicket', 'ringTimeoutSeconds', 'shortAbandonSeconds', 'callback',
];
const DAY = 86_400;

export function parseQueues(raw: unknown): ParseResult<AcdConfig> {
  const r = new FieldReader('QUEUE');
  const top = r.object(raw, '');
  if (!top) return { ok: false, errors: r.errors };
  r.onlyFields(top, '', TOP_FIELDS);
  const settings = readSettings(r, top);
  const queues = r.list(top.queues, 'queues').map((q, i) => readQueue(r, q, join('queues', i)));
  checkReferences(r, queues, settings);
  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  return { ok: true, value: { settings, queues: queues.filter((q): q is QueueConfig => q !== null) } };
}

function readSettings(r: FieldReader, top: Obj): AcdSettings {
  return {
    priorityBoostSeconds: top.priorityClasses === undefined ? DEFAULT_SETTINGS.priorityBoostSeconds : readClasses(r, top.priorityClasses),
    levelBonusSeconds: r.int(top, 'levelBonusSeconds', '', { min: 0, max: DAY, fallback: DEFAULT_SETTINGS.levelBonusSeconds }),
    initialHandleSeconds: r.int(top, 'initialHandleSeconds', '', { min: 1, max: DAY, fallback: DEFAULT_SETTINGS.initialHandleSeconds }),
  };
}

function readClasses(r: FieldReader, raw: unknown): Record<string, number> {
  const obj = r.object(raw, 'priorityClasses') ?? {};
  const classes: Record<string, number> = {};
  for (const name of Object.keys(obj)) {
    if (!ID.test(name)) r.fail('INVALID_FIELD', join('priorityClasses', name), 'class names are lower-case ids');
    classes[name] = r.int(obj, name, 'priorityClasses', { min: 0, max: DAY });
  }
  if (Object.keys(obj).length === 0) r.fail('INVALID_FIELD', 'priorityClasses', 'at least one priority class');
  return classes;
}

function readQueue(r: FieldReader, raw: unknown, path: string): QueueConfig | null {
  const q = r.object(raw, path);
  if (!q) return null;
  r.onlyFields(q, path, QUEUE_FIELDS);
  const id = r.string(q, 'id', path);
  if (id !== '' && !ID.test(id)) r.fail('INVALID_FIELD', join(path, 'id'), 'ids are lower-case letters, digits, - and _');
  return {
    id,
    name: r.string(q, 'name', path),
    priorityClass: r.string(q, 'priorityClass', path, 'general'),
    skills: r.strings(q, 'skills', path),
    serviceLevelSeconds: r.int(q, 'serviceLevelSeconds', path, { min: 1, max: 3600, fallback: 15 }),
    secondChoice: q.secondChoice === undefined || q.secondChoice === null ? null : r.string(q, 'secondChoice', path),
    overflow: readOverflow(r, q.overflow, join(path, 'overflow')),
    maxLength: r.int(q, 'maxLength', path, { min: 1, fallback: 1000 }),
    announceEverySeconds: r.int(q, 'announceEverySeconds', path, { min: 0, max: 3600, fallback: 60 }),
    musicOnHold: r.string(q, 'musicOnHold', path, 'default'),
    wrapUpSeconds: r.int(q, 'wrapUpSeconds', path, { min: 0, max: 3600, fallback: 30 }),
    wrapUpEndsOnTicket: r.bool(q, 'wrapUpEndsOnTicket', path, true),
    ringTimeoutSeconds: r.int(q, 'ringTimeoutSeconds', path, { min: 1, max: 300, fallback: 20 }),
    shortAbandonSeconds: r.int(q, 'shortAbandonSeconds', path, { min: 0, max: 300, fallback: 5 }),
    callback: readCallback(r, q.callback, join(path, 'callback')),
  };
}

function readOverflow(r: FieldReader, raw: unknown, path: string): OverflowRule | null {
  if (raw === undefined || raw === null) return null;
  const o = r.object(raw, path);
  if (!o) return null;
  r.onlyFields(o, path, ['afterSeconds', 'to']);
  const after = o.afterSeconds === null ? null : r.int(o, 'afterSeconds', path, { min: 0, max: DAY });
  return { afterSeconds: after, to: r.string(o, 'to', path) };
}

function readCallback(r: FieldReader, raw: unknown, path: string): CallbackRule | null {
  if (raw === undefined || raw === null) return null;
  const c = r.object(raw, path);
  if (!c) return null;
  r.onlyFields(c, path, ['afterSeconds', 'maxAttempts', 'retryDelaySeconds']);
  return {
    afterSeconds: r.int(c, 'afterSeconds', path, { min: 0, max: DAY, fallback: 60 }),
    maxAttempts: r.int(c, 'maxAttempts', path, { min: 1, max: 10, fallback: 3 }),
    retryDelaySeconds: r.int(c, 'retryDelaySeconds', path, { min: 0, max: DAY, fallback: 300 }),
  };
}

function checkReferences(r: FieldReader, queues: readonly (QueueConfig | null)[], settings: AcdSettings): void {
  const byId = new Map<string, QueueConfig>();
  queues.forEach((q, i) => {
    if (!q || q.id === '') return;
    if (byId.has(q.id)) r.fail('DUPLICATE_ID', join(join('queues', i), 'id'), `queue '${q.id}' is defined twice`);
    else byId.set(q.id, q);
    if (settings.priorityBoostSeconds[q.priorityClass] === undefined) {
      r.fail('UNKNOWN_PRIORITY_CLASS', join(join('queues', i), 'priorityClass'), `no priority class '${q.priorityClass}'`);
    }
  });
  queues.forEach((q, i) => checkSecondChoice(r, q, join(join('queues', i), 'secondChoice'), byId));
  queues.forEach((q, i) => {
    const to = q?.overflow?.to;
    if (!q || !to) return;
    const path = join(join('queues', i), 'overflow.to');
    if (!byId.has(to)) r.fail('UNKNOWN_OVERFLOW_TARGET', path, `no queue '${to}'`);
    else if (overflowLoops(q.id, byId)) r.fail('OVERFLOW_CYCLE', path, `overflow from '${q.id}' comes back to it`);
  });
}

/** One step only: the second choice's own second choice is never followed, so no chain can loop. */
function checkSecondChoice(r: FieldReader, q: QueueConfig | null, path: string, byId: ReadonlyMap<string, QueueConfig>): void {
  const to = q?.secondChoice;
  if (!q || !to) return;
  if (to === q.id) r.fail('SECOND_CHOICE_SELF', path, `queue '${q.id}' cannot be its own second choice`);
  else if (!byId.has(to)) r.fail('UNKNOWN_SECOND_CHOICE', path, `no queue '${to}'`);
}

/** Each queue has at most one target, so following the chain for n steps finds any loop. */
function overflowLoops(start: string, byId: ReadonlyMap<string, QueueConfig>): boolean {
  let current = byId.get(start)?.overflow?.to;
  for (let steps = 0; current !== undefined && steps <= byId.size; steps += 1) {
    if (current === start) return true;
    current = byId.get(current)?.overflow?.to;
  }
  return false;
}
