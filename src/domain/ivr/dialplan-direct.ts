// The compiled menus' own arrival: Asterisk starts a new caller in them without asking the server.
// What the server decided at arrival (registries, the number dialed, hours, the language) comes
// from what the server keeps in Asterisk beforehand: the registries in Asterisk's database (keys
// per version of them, the version in force named by one key) and the hours and the language in
// global variables. The dialplan reads them in the caller's own channel thread, so the greeting no
// longer waits for a round trip through the server (an event, then two requests). The server still
// decides for calls the dialplan cannot start (HOTLINE_MENUS_<app> empty: menus not installed yet, a
// reload in progress, modules missing). Pure: version and routes in, extensions.conf text out.
import type { CallerInfo } from '../callers/caller-info.js';
import { pushHandler, type Extension } from './dialplan-extension.js';
import type { IvrContext } from './ivr-engine.js';
import { leftContext } from './dialplan-marks.js';
import { factName, hoursChangeFact } from './dialplan-nodes.js';

// Each server keeps its own, under its Stasis application's name (HOTLINE_APP in the dialplan):
// servers sharing one Asterisk (the tests', a cluster's) do not start each other's callers.
/** The global naming the version new callers of `app` start in (empty: they go to the server). */
export const menusGlobal = (app: string): string => `HOTLINE_MENUS_${app}`;
/** The global with the schedules' facts (`open:<id>/change:<id>@<s>/`), as the server's seed carries them. */
export const hoursGlobal = (app: string): string => `HOTLINE_HOURS_${app}`;
/** The global with the prompts' language. */
export const languageGlobal = (app: string): string => `HOTLINE_IVR_LANG_${app}`;
/** Asterisk database family of the registries: key `<app>/active` names the version in force, `<app>/<version>/<number>` a number's facts. */
export const CALLERS_FAMILY = 'hotline-callers';
export const activeCallersKey = (app: string): string => `${app}/active`;
/** The keys of one version of the registries (numbers as normalizePhone spells them). */
export const callersKey = (app: string, version: string): string => `${app}/${version}`;
const IN_DIALPLAN = (name: (app: string) => string): string => `\${GLOBAL(${name('${HOTLINE_APP}')})}`;

/** Where dialplan/hotline.conf sends a new caller while HOTLINE_MENUS_<app> names this version. */
export const directContext = (version: string): string => `ivr-${version}-direct`;

/** The caller facts a caller has (`caller:elderly`, `caller:enterprise`, `caller:anonymous`), the one rule for the seed and the registries. */
export function callerFactNames(info: CallerInfo, anonymous = false): string[] {
  const kinds = [...(info.elderly ? (['elderly'] as const) : []), ...(info.enterprise ? (['enterprise'] as const) : []), ...(anonymous ? (['anonymous'] as const) : [])];
  return kinds.map((kind) => factName({ caller: kind }) ?? '');
}

/** A registered caller's facts as the dialplan reads them in HOTLINE_FACTS ("caller:elderly/"…); empty for anyone else. */
export function callerFacts(info: CallerInfo): string {
  return callerFactNames(info).map((fact) => `${fact}/`).join('');
}

type Hours = Pick<IvrContext, 'isOpen' | 'hoursChange'>;

/** The schedules' facts at `at`: which are open, and when each next changes (the compiled hours node turns over then). */
export function scheduleFacts(hours: Hours, schedules: readonly string[], at: number): string[] {
  return [
    ...schedules.filter((id) => hours.isOpen(id, at)).map((id) => factName({ open: id }) ?? ''),
    // Without the calendar's next change, hours stay as decided now (a time no call reaches).
    ...schedules.map((id) => hoursChangeFact(id, hours.hoursChange?.(id, at) ?? null)),
  ];
}

/** The earliest next change of any schedule after `at`, or null when none changes within the calendar's horizon. */
export function nextHoursChange(hours: Hours, schedules: readonly string[], at: number): number | null {
  const changes = schedules.map((id) => hours.hoursChange?.(id, at) ?? null).filter((t): t is number => t !== null);
  return changes.length > 0 ? Math.min(...changes) : null;
}

/** The registries' key of an anonymous caller (an empty number, or "anonymous", as the server's ARI mapping takes it). */
export const ANONYMOUS_KEY = 'anonymous';
/** The key of a number with no digits that is not anonymous: nothing is written under it. */
const NO_NUMBER_KEY = 'none';

/**
 * The caller's key in the registries, as one expression: the number as normalizePhone spells it
 * (digits only, without +86 / 0086), or the anonymous key. Every value an IF here picks is digits or
 * a word, never `:` or `?`, which IF would split on. Written out in one expression, not in steps,
 * because each dialplan step publishes a snapshot of the channel to every subscriber.
 */
function callerKey(): string {
  const digits = '${FILTER(0123456789,${CALLERID(num)})}';
  const sub = (offset: string): string => digits.replace(/\}$/, `:${offset}}`);
  const normalized = `\${IF($["${sub('0:4')}" = "0086"]?${sub('4')}:\${IF($["${sub('0:2')}" = "86" & \${LEN(${digits})} = 13]?${sub('2')}:${digits})})}`;
  const number = `\${IF($["${digits}" = ""]?${NO_NUMBER_KEY}:${normalized})}`;
  return `\${IF($["\${CALLERID(num)}" = "" | "\${CALLERID(num)}" = "anonymous"]?${ANONYMOUS_KEY}:${number})}`;
}

/** The caller's registry facts, read from the version of the registries in force. */
const registryFacts = (): string => `\${DB(${CALLERS_FAMILY}/${callersKey('${HOTLINE_APP}', `\${DB(${CALLERS_FAMILY}/${activeCallersKey('${HOTLINE_APP}')})}`)}/${callerKey()})}`;

/** Every key the registries' version writes: each registered number with its facts, and the anonymous caller's. */
export function registryEntries(registered: Iterable<readonly [string, CallerInfo]>): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [number, info] of registered) {
    const facts = callerFacts(info);
    if (facts) entries.set(number, facts);
  }
  entries.set(ANONYMOUS_KEY, callerFactNames({ elderly: false, enterprise: null }, true).map((fact) => `${fact}/`).join(''));
  return entries;
}

/** One dialed number's arrival: the facts as the server's seed would carry them, the hangup handler, the flow's start. */
function arrival(version: string, name: string, start: string, hoursFacts: string): Extension {
  return {
    name,
    lines: [
      // The compiler joins this step with the flow's first node's (dialplan-steps.ts) where it can.
      { path: '', pairs: [`HOTLINE_LANG=${IN_DIALPLAN(languageGlobal)}`, `HOTLINE_FACTS=/${registryFacts()}dialed:\${EXTEN}/${hoursFacts}`, pushHandler(leftContext(version))] },
      `Goto(${start},s,1)`,
    ],
  };
}

/**
 * The direct arrival's contexts, or null when the routes cannot be written as extensions (a dialed
 * number that is not digits) or name a flow with no compiled start: then the server decides.
 * `startOf` gives the context of a flow's first node, as a call entering it at arrival reaches it.
 */
export function directContexts(version: string, entries: Readonly<Record<string, string>>, startOf: (flowId: string) => string | null): [string, Extension[]][] | null {
  const numbers = Object.entries(entries).filter(([dialed]) => dialed !== '*');
  if (numbers.some(([dialed]) => !/^[0-9]+$/.test(dialed))) return null;
  const routes: [string, string][] = [...numbers, ['_X.', entries['*'] ?? 'main']];
  const starts = routes.map(([name, flowId]) => [name, startOf(flowId)] as const);
  if (starts.some(([, start]) => start === null)) return null;
  const hours = IN_DIALPLAN(hoursGlobal);
  return [[directContext(version), starts.map(([name, start]) => arrival(version, name, start ?? '', hours))]];
}
