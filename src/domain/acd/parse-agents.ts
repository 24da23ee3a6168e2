// Validates the agent roster file (fixtures/agents.yaml) once parsed into plain data. Ids stay strings
// because they are also the agents' phone extensions (the PBX renders endpoint agent-<id>).
import type { AgentProfile, ParseResult, SkillLevel } from './acd-config.js';
import { FieldReader, join } from './field-reader.js';

type Obj = Readonly<Record<string, unknown>>;

const AGENT_FIELDS = ['id', 'name', 'phone', 'skills', 'queues', 'passwordHash'];

/** `queueIds`, when given, lets the parser reject agents assigned to queues that do not exist. */
export function parseAgents(raw: unknown, queueIds?: readonly string[]): ParseResult<readonly AgentProfile[]> {
  const r = new FieldReader('AGENT');
  const top = r.object(raw, '');
  if (!top) return { ok: false, errors: r.errors };
  r.onlyFields(top, '', ['agents']);
  const agents = r.list(top.agents, 'agents').map((a, i) => readAgent(r, a, join('agents', i), queueIds));
  checkDuplicates(r, agents);
  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  return { ok: true, value: agents.filter((a): a is AgentProfile => a !== null) };
}

function readAgent(r: FieldReader, raw: unknown, path: string, queueIds?: readonly string[]): AgentProfile | null {
  const a = r.object(raw, path);
  if (!a) return null;
  r.onlyFields(a, path, AGENT_FIELDS);
  const id = r.string(a, 'id', path);
  if (id !== '' && !/^[0-9A-Za-z_-]+$/.test(id)) r.fail('INVALID_FIELD', join(path, 'id'), 'ids are digits, letters, - and _');
  const queues = a.queues === undefined || a.queues === null ? null : r.strings(a, 'queues', path);
  queues?.forEach((q, i) => {
    if (queueIds && !queueIds.includes(q)) r.fail('UNKNOWN_QUEUE', join(join(path, 'queues'), i), `no queue '${q}'`);
  });
  return { id, name: r.string(a, 'name', path), phone: r.string(a, 'phone', path, `agent-${id}`), skills: readSkills(r, a, path), queues };
}

function readSkills(r: FieldReader, a: Obj, path: string): Record<string, SkillLevel> {
  const skillsPath = join(path, 'skills');
  const obj = a.skills === undefined ? null : r.object(a.skills, skillsPath);
  if (a.skills === undefined) r.fail('MISSING_FIELD', skillsPath, "'skills' is required");
  const skills: Record<string, SkillLevel> = {};
  for (const name of Object.keys(obj ?? {})) {
    // agent:<id> is the skill of a call transferred to one named agent; nobody may claim it here.
    if (name.startsWith('agent:')) r.fail('INVALID_FIELD', join(skillsPath, name), "skill names starting with 'agent:' are reserved");
    skills[name] = r.int(obj ?? {}, name, skillsPath, { min: 1, max: 3 }) as SkillLevel;
  }
  return skills;
}

function checkDuplicates(r: FieldReader, agents: readonly (AgentProfile | null)[]): void {
  const seen = new Set<string>();
  agents.forEach((a, i) => {
    if (!a || a.id === '') return;
    if (seen.has(a.id)) r.fail('DUPLICATE_ID', join(join('agents', i), 'id'), `agent '${a.id}' is defined twice`);
    seen.add(a.id);
  });
}
