// Loads a flow directory (ivr-flows/ or a test fixture): every flow file, routes.yaml, schedules.yaml,
// the prompt texts and, when asked, the prompt audio; checks them all and builds the flow set only
// when nothing is wrong. Every problem, even a file that cannot be read, is reported, never thrown.
import fs from 'node:fs';
import path from 'node:path';
import type { TSchema } from '@sinclair/typebox';
import { checkFlows, DEFAULT_FLOW_LIMITS, type FlowLimits, type FlowRoutes } from '../../domain/ivr/flow-checker.js';
import { flowProblem, formatProblem, type FlowProblem, type FlowProblemCode } from '../../domain/ivr/flow-problems.js';
import type { FlowSet, FlowSource } from '../../domain/ivr/flow-types.js';
import { FlowFileSchema, LANGUAGE_PATTERN, PromptsFileSchema, QueuesFileSchema, RoutesFileSchema, SchedulesFileSchema } from './flow-schema.js';
import { schemaIssues } from './schema-problems.js';
import { readYamlFile } from './yaml-file.js';

export { formatProblem };
export type { FlowProblem, FlowProblemCode };

export interface ScheduleFinding {
  readonly path: string;
  readonly message: string;
}

export interface FlowLoadOptions {
  /** Stamped on the flow set (e.g. a reload counter); 1 by default. */
  readonly version?: number;
  /** The queue ids that exist, or the queue configuration file to read them from (`queues[].id`). */
  readonly queues: { readonly file: string } | { readonly ids: Iterable<string> };
  /** When given, every prompt needs audio at `<soundsDir>/<lang>/<prompt>.wav`. */
  readonly soundsDir?: string;
  readonly limits?: Partial<FlowLimits>;
  /** Checks one schedule's definition (the business-hours spec); findings become FLOW_BAD_CALENDAR. */
  readonly checkSchedule?: (id: string, definition: unknown) => readonly ScheduleFinding[];
  /** Prompts the server itself plays (queue announcements): each needs a text and audio like a flow's. */
  readonly systemPrompts?: readonly string[];
}

export interface FlowLoadResult {
  /** Present only when there are no problems at all. */
  readonly flowSet?: FlowSet;
  /** routes.yaml as loaded (its afterCall names the survey flow), when it is valid. */
  readonly routes?: FlowRoutes;
  readonly problems: FlowProblem[];
}

const RESERVED = new Set(['routes.yaml', 'schedules.yaml']);

interface Loaded<T> {
  readonly value?: T;
  readonly problems: FlowProblem[];
}

/** Reads a YAML file and validates it; schema errors get `code` (a missing noInput its own code). */
function readChecked<T>(absolute: string, file: string, schema: TSchema, code: FlowProblemCode, maxBytes?: number): Loaded<T> {
  const read = readYamlFile(absolute, file, maxBytes);
  if (read.problems.length > 0) return { problems: read.problems };
  const problems = schemaIssues(schema, read.value).map((issue) => {
    const noInput = code === 'FLOW_SCHEMA_VIOLATION' && issue.missing && issue.path.endsWith('.noInput');
    return flowProblem(file, issue.path, noInput ? 'FLOW_MENU_NO_INPUT_ROUTE' : code, issue.message);
  });
  return problems.length > 0 ? { problems } : { value: read.value as T, problems };
}

function listYaml(dir: string, file: string): Loaded<string[]> {
  try {
    return { value: fs.readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort(), problems: [] };
  } catch (error) {
    return { problems: [flowProblem(file, '', 'FLOW_FILE_UNREADABLE', `cannot list the directory: ${(error as Error).message}`)] };
  }
}

function loadFlows(dir: string, names: readonly string[], maxBytes: number) {
  const flows = new Map<string, FlowSource>();
  const broken = new Set<string>();
  const problems: FlowProblem[] = [];
  for (const name of names.filter((n) => !RESERVED.has(n))) {
    const id = name.slice(0, -'.yaml'.length);
    const loaded = readChecked<FlowSource>(path.join(dir, name), name, FlowFileSchema, 'FLOW_SCHEMA_VIOLATION', maxBytes);
    problems.push(...loaded.problems);
    if (loaded.value) flows.set(id, loaded.value);
    else broken.add(id);
  }
  return { flows, broken, problems };
}

function loadRoutes(dir: string): Loaded<FlowRoutes> {
  const file = path.join(dir, 'routes.yaml');
  if (!fs.existsSync(file)) return { problems: [flowProblem('routes.yaml', '', 'FLOW_ROUTES_INVALID', 'routes.yaml is missing: it names the flow for each dialed number')] };
  return readChecked<FlowRoutes>(file, 'routes.yaml', RoutesFileSchema, 'FLOW_ROUTES_INVALID');
}

function loadSchedules(dir: string, check: FlowLoadOptions['checkSchedule']): { ids: Set<string>; problems: FlowProblem[] } {
  const file = path.join(dir, 'schedules.yaml');
  if (!fs.existsSync(file)) return { ids: new Set(), problems: [] };
  const read = readYamlFile(file, 'schedules.yaml');
  const issues = read.problems.length > 0 ? [] : schemaIssues(SchedulesFileSchema, read.value);
  const problems = [...read.problems, ...issues.map((i) => flowProblem('schedules.yaml', i.path, 'FLOW_BAD_CALENDAR', i.message))];
  // Ids are taken even from a schedule with a bad definition, so that it is reported once, not again at every hours node.
  const schedules = objectAt(objectAt(read.value)?.schedules) ?? {};
  for (const [id, definition] of Object.entries(schedules)) {
    for (const finding of check?.(id, definition) ?? []) {
      problems.push(flowProblem('schedules.yaml', ['schedules', id, finding.path].filter(Boolean).join('.'), 'FLOW_BAD_CALENDAR', finding.message));
    }
  }
  return { ids: new Set(Object.keys(schedules)), problems };
}

function objectAt(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function loadPrompts(dir: string): { texts: Map<string, Set<string>>; problems: FlowProblem[] } {
  const texts = new Map<string, Set<string>>();
  const promptsDir = path.join(dir, 'prompts');
  if (!fs.existsSync(promptsDir)) return { texts, problems: [flowProblem('prompts/', '', 'FLOW_UNKNOWN_PROMPT', 'no prompts/<lang>.yaml: every prompt needs a text')] };
  const listed = listYaml(promptsDir, 'prompts/');
  const problems = [...listed.problems];
  for (const name of listed.value ?? []) {
    const lang = name.slice(0, -'.yaml'.length);
    const file = `prompts/${name}`;
    if (!new RegExp(LANGUAGE_PATTERN).test(lang)) {
      problems.push(flowProblem(file, '', 'FLOW_ID_INVALID', `'${lang}' is not a language tag (e.g. zh-CN)`));
      continue;
    }
    const read = readYamlFile(path.join(promptsDir, name), file);
    const issues = read.problems.length > 0 ? [] : schemaIssues(PromptsFileSchema, read.value);
    problems.push(...read.problems, ...issues.map((i) => flowProblem(file, i.path, 'FLOW_SCHEMA_VIOLATION', i.message)));
    const ids = Object.entries(objectAt(read.value) ?? {}).filter(([, text]) => typeof text === 'string' && text !== '');
    texts.set(lang, new Set(ids.map(([id]) => id)));
  }
  return { texts, problems };
}

/** Prompt ids with a non-empty `<prompt>.wav` per language; a missing language directory has none. */
function loadAudio(soundsDir: string, languages: Iterable<string>): Map<string, Set<string>> {
  const audio = new Map<string, Set<string>>();
  for (const lang of languages) {
    const dir = path.join(soundsDir, lang);
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).filter((n) => n.endsWith('.wav') && fs.statSync(path.join(dir, n)).size > 0);
    } catch {
      names = [];
    }
    audio.set(lang, new Set(names.map((n) => n.slice(0, -'.wav'.length))));
  }
  return audio;
}

function loadQueues(option: FlowLoadOptions['queues']): { ids: Set<string>; problems: FlowProblem[] } {
  if ('ids' in option) return { ids: new Set(option.ids), problems: [] };
  const loaded = readChecked<{ queues: { id: string }[] }>(option.file, option.file, QueuesFileSchema, 'FLOW_SCHEMA_VIOLATION');
  return { ids: new Set((loaded.value?.queues ?? []).map((q) => q.id)), problems: loaded.problems };
}

export function loadFlowDir(dir: string, options: FlowLoadOptions): FlowLoadResult {
  const limits: FlowLimits = { ...DEFAULT_FLOW_LIMITS, ...options.limits };
  const listed = listYaml(dir, dir);
  if (!listed.value) return { problems: listed.problems };
  const flows = loadFlows(dir, listed.value, limits.maxFileBytes);
  const routes = loadRoutes(dir);
  const schedules = loadSchedules(dir, options.checkSchedule);
  const prompts = loadPrompts(dir);
  const queues = loadQueues(options.queues);
  const checked = checkFlows({
    version: options.version ?? 1,
    flows: flows.flows,
    routes: routes.value ?? null,
    knownQueues: queues.ids,
    knownPrompts: prompts.texts,
    ...(options.soundsDir === undefined ? {} : { promptAudio: loadAudio(options.soundsDir, prompts.texts.keys()) }),
    knownSchedules: schedules.ids,
    ...(options.systemPrompts ? { systemPrompts: options.systemPrompts } : {}),
    limits,
    brokenFlows: flows.broken,
  });
  const problems = [...flows.problems, ...routes.problems, ...schedules.problems, ...prompts.problems, ...queues.problems, ...checked.problems];
  if (problems.length > 0) return { ...(routes.value ? { routes: routes.value } : {}), problems };
  return { ...(checked.flowSet ? { flowSet: checked.flowSet } : {}), ...(routes.value ? { routes: routes.value } : {}), problems };
}
