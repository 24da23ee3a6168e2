// The only reader of process.env. Everything the system can be told from outside is declared here,
// with its default, so the README's configuration table and the code cannot drift apart.
import path from 'node:path';
import os from 'node:os';
import { DEFAULT_TRUNK_ENDPOINT } from './domain/cluster/pbx-trunks.js';
import type { Setting } from './config-setting.js';
import { TEXT_MESSAGE_SETTINGS, textMessageConfig, type TextMessageConfig } from './config-text-messages.js';

export type { AliyunSmsSettings, SmppSettings, TextMessageConfig } from './config-text-messages.js';
import { GROUP_SETTINGS, parseGroupConfigs, type GroupConfigs } from './config-groups.js';

export type PbxMode = 'local' | 'external';

export interface AriSettings {
  readonly url: string;
  readonly user: string;
  readonly password: string;
  readonly app: string;
}

export interface AmiSettings {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
}

export interface ClusterConfig {
  readonly redisUrl: string;
  /** This server's id among the cluster's: its reply stream and its name in the groups it reads. */
  readonly node: string;
  /** The PBX whose calls this server runs, or stands by to run; null: a web node, which never runs one. */
  readonly pbx: string | null;
  /** Every PBX of the cluster: a call action is carried out by whichever runs the call, the live calls are listed from all. */
  readonly pbxs: readonly string[];
  /** Whether this server may lead the ACD (at least one must). */
  readonly mayLead: boolean;
  /** How a caller is put through to an agent whose phone is on another PBX ({agent}, {pbx}). */
  readonly trunkEndpoint: string;
  /** Where the other servers reach this one (a relayed recording); null: the address it listens at. */
  readonly url: string | null;
}

export interface LocalPbxSettings {
  readonly instance: string;
  readonly cacheDir: string;
  readonly stateDir: string;
  readonly ariPort: number;
  readonly amiPort: number;
  readonly sipPort: number;
  readonly rtpStart: number;
  /** Niceness of Asterisk's SIP thread once it is up (0 leaves it; absent: DEFAULT_SIP_THREAD_NICE). */
  readonly sipThreadNice?: number;
}

export interface Config extends GroupConfigs {
  readonly http: { readonly host: string; readonly port: number };
  readonly dbFile: string;
  /** PostgreSQL's address when the hotline keeps its data there; null: the SQLite file. */
  readonly databaseUrl: string | null;
  /** One server of several sharing Redis (the ACD led by one of them); null: a single box, the ACD in this process. */
  readonly cluster: ClusterConfig | null;
  /** The bearer token GET /metrics asks for; '' = open. */
  readonly metricsToken: string;
  readonly logLevel: string;
  readonly pbxMode: PbxMode;
  readonly pbxConnectTimeoutMs: number;
  /** Both links to the PBX down this long: it is lost, and its calls are closed with their tickets (0: never). */
  readonly pbxLostAfterMs: number;
  readonly ari: AriSettings;
  readonly ami: AmiSettings;
  readonly localPbx: LocalPbxSettings;
  readonly promptLanguage: string;
  readonly entryNumber: string;
  /** Prototype: the IVR flows compiled into the dialplan run the menus (HOTLINE_IVR_IN_DIALPLAN=on). */
  readonly ivrInDialplan: boolean;
  /** How citizens are rung back, `{number}` standing for their number. */
  readonly callbackEndpoint: string;
  /** How a supervisor's phone is rung to listen to a call, `{supervisor}` standing for their user id. */
  readonly supervisorEndpoint: string;
  /** Whether silent listening is shown to the agent (whisper and barge always are). */
  readonly monitorAnnounceListen: boolean;
  /** The installation secret every agent phone's SIP password derives from ('' = not known: the local instance's is used). */
  readonly agentSipSecret: string;
  /** The secret the cluster's PBX boxes authenticate their trunks with ('' when not rendering a cluster's boxes). */
  readonly pbxTrunkSecret: string;
  /** Asterisk's SIP WebSocket the /sip route relays browser phones to ('' = beside ARI: the ARI URL's host and port, path /ws). */
  readonly sipWebSocketUrl: string;
  /** Other boxes' SIP WebSockets, tried in order when the first does not answer (a cluster's boxes). */
  readonly sipWebSocketFallbacks: readonly string[];
  readonly files: {
    readonly flowsDir: string;
    readonly queues: string;
    readonly agents: string;
    readonly calendarDir: string;
    readonly elderly: string;
    readonly enterprises: string;
    readonly categories: string;
    readonly users: string;
    readonly dispatchRules: string;
    readonly qaForms: string;
  };
  /** Where Asterisk's recordings can be read from this machine (external mode); local mode knows it. */
  readonly recordingsDir: string | null;
  /** How conversations are recorded: MixMonitor on the agent's leg (from the dialplan at the answer, else through AMI), or a snoop channel (ARI alone). */
  readonly conversationRecorder: 'channel' | 'snoop';
  /** AMI logins without events that carry the recorder's start and stop (with the channel recorder). */
  readonly amiActionLinks: number;
  /** Where text spoken at call time goes and how Asterisk names it (external mode); local mode knows it. */
  readonly speech: { readonly dir: string; readonly soundPrefix: string } | null;
  /** Asterisk's channel-event log (cel_custom), read at start for calls that ended while the server was down. */
  readonly callEventsFile: string | null;
  readonly recordingRetentionDays: number;
  readonly agentPhones: 'demo' | 'pjsip';
  readonly demoAnswerAfterSeconds: number;
  readonly demoNoAnswer: readonly string[];
  readonly autoLogin: 'all' | 'none' | readonly string[];
  /** The server's scheduling niceness (-20 … 19); 0 leaves it as started. */
  readonly processNice: number;
  /** Failed sign-ins one client address may make within the window before it is refused for a window. */
  readonly login: { readonly maxFailuresPerAddress: number; readonly addressWindowMs: number };
  /** Overload protection: when new callers are answered by the dialplan instead of the server. */
  readonly admission: AdmissionConfig;
  /** Text messages (短信): which message centre, and how to reach it. */
  readonly textMessages: TextMessageConfig;
}

export type { OutboundConfig } from './config-outbound.js';

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

type Env = Readonly<Record<string, string | undefined>>;


/** Every HOTLINE_* variable with its default and meaning; `docs` and the README table come from here. */
export interface AdmissionConfig {
  /** 'auto': shed new callers to the dialplan while the server falls behind; 'off': never. */
  readonly mode: 'auto' | 'off';
  readonly shedAboveMs: number;
  readonly admitBelowMs: number;
  readonly shedAfterSamples: number;
  readonly admitAfterSamples: number;
  /** At start, calls the dialplan answered up to this long before are read for their tickets (they ended while no server ran). */
  readonly lookBackMs: number;
  /** The line limit: callers beyond this many calls at once are told every line is busy (0: no limit). */
  readonly maxCalls: number;
}

export const SETTINGS: readonly Setting[] = [
  { name: 'HOTLINE_HTTP_HOST', fallback: '127.0.0.1', doc: 'Address the HTTP/Socket.IO server listens on.' },
  { name: 'HOTLINE_HTTP_PORT', fallback: '3000', doc: 'Port of the HTTP/Socket.IO server (0 = any free port).' },
  { name: 'HOTLINE_DB_FILE', fallback: 'data/hotline.db', doc: 'SQLite database file (":memory:" for a throw-away one).' },
  { name: 'HOTLINE_DATABASE_URL', fallback: '', doc: 'PostgreSQL instead of SQLite: postgres://user:password@host:port/database (empty: the SQLite file above).' },
  { name: 'HOTLINE_REDIS_URL', fallback: '', doc: 'Several servers sharing one ACD: redis://host:port of the Redis they share (empty: a single box, the ACD in this process). See docs/scale-out.md.' },
  { name: 'HOTLINE_NODE_ID', fallback: '', doc: "With Redis: this server's id, unique among the cluster's (default: the machine's host name and the HTTP port)." },
  { name: 'HOTLINE_PBX_ID', fallback: 'pbx-1', doc: 'With Redis: the id of the PBX whose calls this server runs (or stands by to run while another server holds it); "none": a web node, which serves the desktops and the API and never runs a PBX.' },
  { name: 'HOTLINE_NODE_URL', fallback: '', doc: "With Redis: where the other servers reach this one, e.g. http://worker-1:3000 (a recording is relayed to the server whose box holds it); default: the address it listens at, which is not reachable from other machines when it listens on 0.0.0.0 or 127.0.0.1." },
  { name: 'HOTLINE_CLUSTER_PBXS', fallback: '', doc: "With Redis: the ids of every PBX of the cluster, comma-separated (default: this server's own); a call action goes to whichever server runs the call's PBX, and the live calls are listed from all of them. Required on a web node." },
  { name: 'HOTLINE_PBX_TRUNK_ENDPOINT', fallback: DEFAULT_TRUNK_ENDPOINT, doc: "With several PBXs: how a caller is put through to an agent whose phone is on another PBX ({agent} = the agent, {pbx} = that PBX's id); the default dials the PJSIP trunk trunk-<pbx> that joins the boxes (docs/scale-out.md)." },
  { name: 'HOTLINE_ACD_LEAD', fallback: 'yes', doc: 'With Redis: "yes" if this server may lead the ACD (one of those that may is elected), "no" if it never does.' },
  { name: 'HOTLINE_METRICS_TOKEN', fallback: '', doc: 'The bearer token Prometheus must send to read GET /metrics (empty: /metrics is open to anyone who reaches the port; keep it on an internal network then).' },
  { name: 'HOTLINE_LOG_LEVEL', fallback: 'info', doc: 'pino log level: trace, debug, info, warn, error, fatal, silent.' },
  { name: 'HOTLINE_PBX', fallback: 'local', doc: '"local": start and use the embedded Asterisk; "external": use the ARI/AMI settings below.' },
  { name: 'HOTLINE_ARI_URL', fallback: '', doc: 'ARI base URL, e.g. http://127.0.0.1:8088/ari (external mode).' },
  { name: 'HOTLINE_ARI_USER', fallback: 'hotline', doc: 'ARI user.' },
  { name: 'HOTLINE_ARI_PASSWORD', fallback: '', doc: 'ARI password (external mode; generated in local mode).' },
  { name: 'HOTLINE_ARI_APP', fallback: 'hotline', doc: 'Stasis application name the dialplan hands calls to.' },
  { name: 'HOTLINE_AMI_HOST', fallback: '127.0.0.1', doc: 'AMI host (external mode).' },
  { name: 'HOTLINE_AMI_PORT', fallback: '5038', doc: 'AMI port (external mode).' },
  { name: 'HOTLINE_AMI_USER', fallback: 'hotline', doc: 'AMI user.' },
  { name: 'HOTLINE_AMI_PASSWORD', fallback: '', doc: 'AMI secret (external mode; generated in local mode).' },
  { name: 'HOTLINE_PBX_TRUNK_SECRET', fallback: '', doc: "For rendering a cluster's Asterisk boxes (pbx:render --pbx … --trunk …): the secret (16+ letters or digits) each box's trunk to the others authenticates with, the same on every box; npm run cluster makes its own." },
  { name: 'HOTLINE_AGENT_SIP_SECRET', fallback: '', doc: "Installation secret (16+ characters) each agent phone's SIP password is derived from (HMAC-SHA256 of the endpoint's name): for rendering Asterisk's configuration for Docker and for the server against an external Asterisk; generated in local mode. Changing it changes every agent's password." },
  { name: 'HOTLINE_SIP_WS_URL', fallback: '', doc: "Asterisk's SIP WebSocket (ws://, on Asterisk's HTTP server) the /sip route relays the browser phones to; default: ARI's host and port with path /ws. A cluster's web node may name several, comma-separated: a browser phone goes to the first that answers, so it registers on another box when its own is down." },
  { name: 'HOTLINE_PBX_INSTANCE', fallback: 'demo', doc: 'Name of the local Asterisk instance (its own ports, configs and state).' },
  { name: 'HOTLINE_PBX_CACHE', fallback: '', doc: 'Where the local Asterisk root filesystem is built and kept (default /var/cache/hotline-cti as root, else ~/.cache/hotline-cti).' },
  { name: 'HOTLINE_PBX_STATE', fallback: 'data/pbx', doc: 'Where the local instances keep generated secrets and runtime files.' },
  { name: 'HOTLINE_PBX_ARI_PORT', fallback: '8088', doc: 'Local Asterisk: ARI/HTTP port on 127.0.0.1.' },
  { name: 'HOTLINE_PBX_AMI_PORT', fallback: '5038', doc: 'Local Asterisk: AMI port on 127.0.0.1.' },
  { name: 'HOTLINE_PBX_SIP_PORT', fallback: '5060', doc: 'Local Asterisk: PJSIP UDP port on 127.0.0.1.' },
  { name: 'HOTLINE_PBX_RTP_START', fallback: '20000', doc: 'Local Asterisk: first RTP port (a range of 1000 is used).' },
  { name: 'HOTLINE_PBX_SIP_THREAD_NICE', fallback: '-15', doc: "Local Asterisk: the scheduling niceness of its one SIP thread (-20 to 19; 0 = as started), so callers' INVITEs, keys and hang-ups are read at once when the CPU is full. Needs root; otherwise it is logged and left." },
  { name: 'HOTLINE_PBX_CONNECT_TIMEOUT_MS', fallback: '15000', doc: 'How long the server waits at start-up for ARI to answer before giving up.' },
  { name: 'HOTLINE_PBX_LOST_AFTER_SECONDS', fallback: '60', doc: "Seconds both links to the PBX (ARI and AMI) may stay down before the box counts as lost: its calls are closed with their tickets and its agents freed (a dead box took the calls' media with it). 0: never; the calls then wait for the box to return." },
  { name: 'HOTLINE_FLOWS_DIR', fallback: 'ivr-flows', doc: 'Folder of the IVR flows (watched: changes apply to new calls).' },
  { name: 'HOTLINE_QUEUES_FILE', fallback: 'fixtures/queues.yaml', doc: 'ACD queues and priority classes.' },
  { name: 'HOTLINE_AGENTS_FILE', fallback: 'fixtures/agents.yaml', doc: 'Agents with skills and phones.' },
  { name: 'HOTLINE_CALENDAR_DIR', fallback: 'fixtures/calendar', doc: "China's official calendar, one YAML file per year." },
  { name: 'HOTLINE_ELDERLY_FILE', fallback: 'fixtures/elderly-numbers.csv', doc: 'Registered elderly numbers (reloaded on change).' },
  { name: 'HOTLINE_ENTERPRISES_FILE', fallback: 'fixtures/enterprises.csv', doc: 'Registered enterprises and their numbers (reloaded on change).' },
  { name: 'HOTLINE_CATEGORIES_FILE', fallback: 'fixtures/categories.yaml', doc: 'The request taxonomy: major categories and subcategories with their codes.' },
  { name: 'HOTLINE_USERS_FILE', fallback: 'fixtures/users.yaml', doc: 'Users who sign in (agents, supervisors, QA, handling units, admins) with scrypt password hashes.' },
  { name: 'HOTLINE_DISPATCH_RULES_FILE', fallback: 'fixtures/dispatch-rules.yaml', doc: 'Handling units (with their contacts and superiors) and the keyword/category rules that suggest where an order goes.' },
  { name: 'HOTLINE_QA_FORMS_FILE', fallback: 'fixtures/qa-forms.yaml', doc: 'QA scoring forms: weighted items and fatal items.' },
  { name: 'HOTLINE_RECORDINGS_DIR', fallback: '', doc: "Folder where Asterisk's recordings can be read (external mode; the local Asterisk's is known)." },
  { name: 'HOTLINE_SPEECH_DIR', fallback: '', doc: "External mode: a folder this machine writes and Asterisk reads, where text spoken at call time (say nodes) is cached as 8 kHz WAV; empty: such text is left out (the embedded Asterisk's sounds folder is known)." },
  { name: 'HOTLINE_SPEECH_SOUND_PREFIX', fallback: '', doc: 'The same folder as Asterisk names sounds in it, without a trailing slash: its absolute path inside the Asterisk machine, or a path under Asterisk\'s sounds folder (needed with HOTLINE_SPEECH_DIR).' },
  { name: 'HOTLINE_CALL_EVENTS_FILE', fallback: '', doc: "Asterisk's cel_custom file as this machine sees it (external mode; the local Asterisk's is known)." },
  { name: 'HOTLINE_RECORDING_RETENTION_DAYS', fallback: '730', doc: 'Days a recording is kept after the call; then its file is deleted and its row marked purged.' },
  { name: 'HOTLINE_AGENT_PHONES', fallback: 'demo', doc: '"demo": simulated handsets that answer by themselves; "pjsip": the agents\' registered softphones.' },
  { name: 'HOTLINE_DEMO_ANSWER_AFTER', fallback: '1', doc: 'Demo handsets answer after this many seconds (0: at once, as an auto-answer handset).' },
  { name: 'HOTLINE_DEMO_NO_ANSWER', fallback: '', doc: 'Agent ids whose demo handset rings but never answers (comma-separated).' },
  { name: 'HOTLINE_AUTO_LOGIN', fallback: 'all', doc: 'Agents logged in at start: "all", "none", or comma-separated ids (until agents log in from the desktop).' },
  { name: 'HOTLINE_PROMPT_LANG', fallback: 'zh-CN', doc: 'Language of the prompts played to callers.' },
  { name: 'HOTLINE_CONVERSATION_RECORDER', fallback: 'channel', doc: '"channel" (default): MixMonitor on the agent\'s leg, started by the dialplan\'s agent-leg context at the answer (other legs and the caller\'s channel through AMI; a snoop channel while AMI is down); "snoop": always a snoop channel, through ARI alone.' },
  { name: 'HOTLINE_AMI_ACTION_LINKS', fallback: '4', doc: "With the channel recorder: AMI logins without events that carry the recorder's start and stop, each action on the one with the fewest unanswered. Asterisk runs one login's actions one after another, so on one login a slow stop held up the next calls' (0: they go on the main login)." },
  { name: 'HOTLINE_IVR_IN_DIALPLAN', fallback: 'off', doc: 'Prototype: "on" compiles the IVR flows into dialplan contexts that Asterisk runs itself (new callers start in them without the server, from the registries, hours and language it keeps in Asterisk; the server takes the call at the queue); "off" (default): the server runs the menus.' },
  { name: 'HOTLINE_ENTRY_NUMBER', fallback: '12345', doc: 'The number citizens dial.' },
  { name: 'HOTLINE_PROCESS_NICE', fallback: '-10', doc: "The server's scheduling niceness (-20 to 19; 0 = as started): ahead of Asterisk's media threads on a shared machine, so callers' next prompts never wait for the CPU. Needs root or CAP_SYS_NICE; otherwise it is logged and left." },
  { name: 'HOTLINE_LOGIN_MAX_FAILURES_PER_ADDRESS', fallback: '20', doc: 'Failed sign-ins from one client address (an IPv6 client by its /64) within the window after which that address is refused (429 AUTH_LOCKED) for a window.' },
  { name: 'HOTLINE_LOGIN_ADDRESS_WINDOW_SECONDS', fallback: '600', doc: "The per-address sign-in limit's window, in seconds: how long failures are counted, and how long a limited address waits." },
  { name: 'HOTLINE_SUPERVISOR_ENDPOINT', fallback: 'Local/{supervisor}@demo-supervisor-phones', doc: "How a supervisor's phone is rung to listen to a call ({supervisor} = their user id): PJSIP/supervisor-{supervisor}-web rings the wallboard's browser phone, which answers by itself; PJSIP/<a handset of yours> a desk phone; the default rings a simulated handset in the dialplan." },
  { name: 'HOTLINE_MONITOR_ANNOUNCE_LISTEN', fallback: 'no', doc: 'Whether the agent is told (a banner) that a supervisor listens silently ("yes"/"no"); whisper and barge are always shown.' },
  { name: 'HOTLINE_CALLBACK_ENDPOINT', fallback: 'Local/{number}@demo-citizens', doc: 'How a citizen is rung back ({number} = their number), e.g. PJSIP/{number}@trunk; the default rings a simulated citizen in the dialplan.' },
  { name: 'HOTLINE_ADMISSION', fallback: 'auto', doc: 'Overload protection: "auto" answers new callers in the dialplan (greeting, then the human fallback queue) while the server or Asterisk falls behind; "off" never does.' },
  { name: 'HOTLINE_MAX_CALLS', fallback: '0', doc: 'The line limit: a caller beyond this many calls at once hears at once that every line is busy, and gets a ticket (0: no limit). Set it to the calls at once of the highest rate `npm run bench:load` sustains on this machine.' },
  { name: 'HOTLINE_ADMISSION_SHED_ABOVE_MS', fallback: '400', doc: 'A second whose ARI event delay or request time (p99) is above this, or with a request timed out, is a bad second.' },
  { name: 'HOTLINE_ADMISSION_ADMIT_BELOW_MS', fallback: '100', doc: 'A second with both below this is a good one (must be below the shed line).' },
  { name: 'HOTLINE_ADMISSION_SHED_AFTER_SECONDS', fallback: '2', doc: 'Bad seconds in a row that shed new callers to the dialplan.' },
  { name: 'HOTLINE_ADMISSION_ADMIT_AFTER_SECONDS', fallback: '10', doc: 'Good seconds in a row that admit new callers to the server again.' },
  ...TEXT_MESSAGE_SETTINGS,
  ...GROUP_SETTINGS,
  { name: 'HOTLINE_DIALPLAN_CALLS_LOOKBACK_MINUTES', fallback: '1440', doc: "At start, calls the dialplan answered without the server up to this long before (shed, or while no server ran) get their tickets from Asterisk's records; 0: only calls from the start on." },
];

function raw(env: Env, name: string): string {
  const setting = SETTINGS.find((s) => s.name === name);
  if (!setting) throw new ConfigError(`unknown setting ${name}`);
  const value = env[name];
  return value === undefined || value === '' ? setting.fallback : value.trim();
}

function port(env: Env, name: string): number {
  const text = raw(env, name);
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be a port number (0-65535), got "${text}"`);
  }
  return value;
}

function integer(env: Env, name: string, fits: (value: number) => boolean, what: string): number {
  const text = raw(env, name);
  const value = Number(text);
  if (!Number.isInteger(value) || !fits(value)) throw new ConfigError(`${name} must be ${what}, got "${text}"`);
  return value;
}
const positiveInt = (env: Env, name: string): number => integer(env, name, (n) => n > 0, 'a positive whole number');
const wholeNumber = (env: Env, name: string): number => integer(env, name, (n) => n >= 0, 'a whole number (0 or more)');
/** A scheduling niceness (setpriority's range). */
const niceness = (env: Env, name: string): number => integer(env, name, (n) => n >= -20 && n <= 19, 'a whole number from -20 to 19');

/** A settings group's own parser's answer: the typed settings, or what is wrong with them. */
function checked<T>(parsed: T | string): T {
  if (typeof parsed === 'string') throw new ConfigError(parsed);
  return parsed;
}

function idList(text: string): string[] {
  return text.split(',').map((id) => id.trim()).filter((id) => id.length > 0);
}

function autoLogin(text: string): 'all' | 'none' | string[] {
  return text === 'all' || text === 'none' ? text : idList(text);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[]): T {
  const value = raw(env, name);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}

function callbackEndpoint(text: string): string {
  // An ARI endpoint (Technology/resource) with a place for the number, or every callback would ring one phone.
  if (!/^[A-Za-z]+\/\S*\{number\}\S*$/.test(text)) {
    throw new ConfigError(`HOTLINE_CALLBACK_ENDPOINT must look like PJSIP/{number}@trunk (with {number}), got "${text}"`);
  }
  return text;
}

function supervisorEndpoint(text: string): string {
  if (!/^[A-Za-z]+\/\S*\{supervisor\}\S*$/.test(text)) {
    throw new ConfigError(`HOTLINE_SUPERVISOR_ENDPOINT must look like PJSIP/supervisor-{supervisor}-web (with {supervisor}), got "${text}"`);
  }
  return text;
}

function pbxTrunkSecret(text: string): string {
  if (text !== '' && !/^[A-Za-z0-9]{16,}$/.test(text)) throw new ConfigError('HOTLINE_PBX_TRUNK_SECRET must be at least 16 letters or digits (e.g. openssl rand -hex 24)');
  return text;
}

function agentSipSecret(text: string): string {
  // Every agent's password is only as hard to guess as this secret.
  if (text !== '' && text.length < 16) throw new ConfigError('HOTLINE_AGENT_SIP_SECRET must be at least 16 characters (e.g. openssl rand -base64 24)');
  return text;
}

function databaseUrl(text: string): string | null {
  if (text === '') return null;
  if (!/^postgres(ql)?:\/\/\S+$/.test(text)) throw new ConfigError('HOTLINE_DATABASE_URL must look like postgres://user:password@host:5432/hotline');
  return text;
}

const CLUSTER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** An id that names Redis streams, consumer groups and leases. */
function clusterId(name: string, value: string): string {
  if (!CLUSTER_ID.test(value)) throw new ConfigError(`${name} must be letters, digits, dots, dashes and underscores, got "${value}"`);
  return value;
}

function cluster(env: Env, httpPort: number): ClusterConfig | null {
  const redisUrl = raw(env, 'HOTLINE_REDIS_URL');
  if (redisUrl === '') return null;
  if (!/^rediss?:\/\/\S+$/.test(redisUrl)) throw new ConfigError('HOTLINE_REDIS_URL must look like redis://127.0.0.1:6379');
  const node = clusterId('HOTLINE_NODE_ID', raw(env, 'HOTLINE_NODE_ID') || `${os.hostname()}-${httpPort}`);
  const pbxText = raw(env, 'HOTLINE_PBX_ID');
  const pbx = pbxText === 'none' ? null : clusterId('HOTLINE_PBX_ID', pbxText);
  return Object.freeze({ redisUrl, node, pbx, pbxs: clusterPbxs(env, pbx), mayLead: oneOf(env, 'HOTLINE_ACD_LEAD', ['yes', 'no'] as const) === 'yes', trunkEndpoint: trunkEndpoint(raw(env, 'HOTLINE_PBX_TRUNK_ENDPOINT')), url: nodeUrl(raw(env, 'HOTLINE_NODE_URL')) });
}

function nodeUrl(text: string): string | null {
  if (text === '') return null;
  if (!/^https?:\/\/[^\s/]+\/?$/.test(text)) throw new ConfigError(`HOTLINE_NODE_URL must look like http://worker-1:3000, got "${text}"`);
  return text.replace(/\/$/, '');
}

function trunkEndpoint(text: string): string {
  // Both places must be there, or every put-through would ring one agent or one box.
  if (!/^[A-Za-z]+\/\S+$/.test(text) || !text.includes('{agent}') || !text.includes('{pbx}')) {
    throw new ConfigError(`HOTLINE_PBX_TRUNK_ENDPOINT must look like PJSIP/{agent}@trunk-{pbx} (with {agent} and {pbx}), got "${text}"`);
  }
  return text;
}

function clusterPbxs(env: Env, own: string | null): readonly string[] {
  const text = raw(env, 'HOTLINE_CLUSTER_PBXS');
  if (text === '') {
    if (own === null) throw new ConfigError('HOTLINE_CLUSTER_PBXS must name the PBXs of the cluster on a web node (HOTLINE_PBX_ID=none)');
    return Object.freeze([own]);
  }
  const pbxs = [...new Set(text.split(',').map((id) => clusterId('HOTLINE_CLUSTER_PBXS', id.trim())))];
  if (own !== null && !pbxs.includes(own)) throw new ConfigError(`HOTLINE_CLUSTER_PBXS must include this server's PBX "${own}"`);
  return Object.freeze(pbxs);
}

/** One URL or several, comma-separated, in the order they are tried; none: '' (beside ARI). */
function sipWebSocketUrls(text: string): readonly string[] {
  if (text === '') return [];
  const urls = text.split(',').map((url) => url.trim());
  const bad = urls.find((url) => !/^wss?:\/\/[^\s/,]+\/\S*$/.test(url));
  if (bad !== undefined) throw new ConfigError(`HOTLINE_SIP_WS_URL must look like ws://127.0.0.1:8088/ws (or several, comma-separated), got "${bad}"`);
  return Object.freeze(urls);
}

function admission(env: Env): AdmissionConfig {
  const settings = {
    mode: oneOf(env, 'HOTLINE_ADMISSION', ['auto', 'off'] as const),
    shedAboveMs: positiveInt(env, 'HOTLINE_ADMISSION_SHED_ABOVE_MS'),
    admitBelowMs: positiveInt(env, 'HOTLINE_ADMISSION_ADMIT_BELOW_MS'),
    shedAfterSamples: positiveInt(env, 'HOTLINE_ADMISSION_SHED_AFTER_SECONDS'),
    admitAfterSamples: positiveInt(env, 'HOTLINE_ADMISSION_ADMIT_AFTER_SECONDS'),
    lookBackMs: wholeNumber(env, 'HOTLINE_DIALPLAN_CALLS_LOOKBACK_MINUTES') * 60_000,
    maxCalls: wholeNumber(env, 'HOTLINE_MAX_CALLS'),
  };
  if (settings.admitBelowMs >= settings.shedAboveMs) throw new ConfigError(`HOTLINE_ADMISSION_ADMIT_BELOW_MS (${settings.admitBelowMs}) must be below HOTLINE_ADMISSION_SHED_ABOVE_MS (${settings.shedAboveMs})`);
  return Object.freeze(settings);
}

function defaultCacheDir(): string {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot ? '/var/cache/hotline-cti' : path.join(os.homedir(), '.cache', 'hotline-cti');
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** Reads and validates the configuration; throws ConfigError naming the variable at fault. */
export function loadConfig(env: Env = process.env): Config {
  const localPbx: LocalPbxSettings = {
    instance: raw(env, 'HOTLINE_PBX_INSTANCE'),
    cacheDir: path.resolve(raw(env, 'HOTLINE_PBX_CACHE') || defaultCacheDir()),
    stateDir: path.resolve(raw(env, 'HOTLINE_PBX_STATE')),
    ariPort: port(env, 'HOTLINE_PBX_ARI_PORT'),
    amiPort: port(env, 'HOTLINE_PBX_AMI_PORT'),
    sipPort: port(env, 'HOTLINE_PBX_SIP_PORT'),
    rtpStart: port(env, 'HOTLINE_PBX_RTP_START'),
    sipThreadNice: niceness(env, 'HOTLINE_PBX_SIP_THREAD_NICE'),
  };
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(localPbx.instance)) {
    throw new ConfigError(`HOTLINE_PBX_INSTANCE must be lower-case letters, digits and dashes, got "${localPbx.instance}"`);
  }
  const dbFile = raw(env, 'HOTLINE_DB_FILE');
  return Object.freeze({
    http: Object.freeze({ host: raw(env, 'HOTLINE_HTTP_HOST'), port: port(env, 'HOTLINE_HTTP_PORT') }),
    dbFile: dbFile === ':memory:' ? dbFile : path.resolve(dbFile),
    databaseUrl: databaseUrl(raw(env, 'HOTLINE_DATABASE_URL')),
    cluster: cluster(env, port(env, 'HOTLINE_HTTP_PORT')),
    metricsToken: raw(env, 'HOTLINE_METRICS_TOKEN'),
    logLevel: oneOf(env, 'HOTLINE_LOG_LEVEL', LOG_LEVELS),
    pbxMode: oneOf(env, 'HOTLINE_PBX', ['local', 'external'] as const),
    pbxConnectTimeoutMs: positiveInt(env, 'HOTLINE_PBX_CONNECT_TIMEOUT_MS'),
    pbxLostAfterMs: wholeNumber(env, 'HOTLINE_PBX_LOST_AFTER_SECONDS') * 1_000,
    ari: Object.freeze({
      url: raw(env, 'HOTLINE_ARI_URL').replace(/\/+$/, ''),
      user: raw(env, 'HOTLINE_ARI_USER'),
      password: raw(env, 'HOTLINE_ARI_PASSWORD'),
      app: raw(env, 'HOTLINE_ARI_APP'),
    }),
    ami: Object.freeze({
      host: raw(env, 'HOTLINE_AMI_HOST'),
      port: port(env, 'HOTLINE_AMI_PORT'),
      user: raw(env, 'HOTLINE_AMI_USER'),
      password: raw(env, 'HOTLINE_AMI_PASSWORD'),
    }),
    localPbx: Object.freeze(localPbx),
    promptLanguage: raw(env, 'HOTLINE_PROMPT_LANG'),
    entryNumber: raw(env, 'HOTLINE_ENTRY_NUMBER'),
    ivrInDialplan: oneOf(env, 'HOTLINE_IVR_IN_DIALPLAN', ['off', 'on'] as const) === 'on',
    conversationRecorder: oneOf(env, 'HOTLINE_CONVERSATION_RECORDER', ['channel', 'snoop'] as const),
    amiActionLinks: wholeNumber(env, 'HOTLINE_AMI_ACTION_LINKS'),
    callbackEndpoint: callbackEndpoint(raw(env, 'HOTLINE_CALLBACK_ENDPOINT')),
    supervisorEndpoint: supervisorEndpoint(raw(env, 'HOTLINE_SUPERVISOR_ENDPOINT')),
    monitorAnnounceListen: oneOf(env, 'HOTLINE_MONITOR_ANNOUNCE_LISTEN', ['yes', 'no'] as const) === 'yes',
    agentSipSecret: agentSipSecret(raw(env, 'HOTLINE_AGENT_SIP_SECRET')),
    pbxTrunkSecret: pbxTrunkSecret(raw(env, 'HOTLINE_PBX_TRUNK_SECRET')),
    sipWebSocketUrl: sipWebSocketUrls(raw(env, 'HOTLINE_SIP_WS_URL'))[0] ?? '',
    sipWebSocketFallbacks: sipWebSocketUrls(raw(env, 'HOTLINE_SIP_WS_URL')).slice(1),
    files: Object.freeze({
      flowsDir: path.resolve(raw(env, 'HOTLINE_FLOWS_DIR')),
      queues: path.resolve(raw(env, 'HOTLINE_QUEUES_FILE')),
      agents: path.resolve(raw(env, 'HOTLINE_AGENTS_FILE')),
      calendarDir: path.resolve(raw(env, 'HOTLINE_CALENDAR_DIR')),
      elderly: path.resolve(raw(env, 'HOTLINE_ELDERLY_FILE')),
      enterprises: path.resolve(raw(env, 'HOTLINE_ENTERPRISES_FILE')),
      categories: path.resolve(raw(env, 'HOTLINE_CATEGORIES_FILE')),
      users: path.resolve(raw(env, 'HOTLINE_USERS_FILE')),
      dispatchRules: path.resolve(raw(env, 'HOTLINE_DISPATCH_RULES_FILE')),
      qaForms: path.resolve(raw(env, 'HOTLINE_QA_FORMS_FILE')),
    }),
    recordingsDir: raw(env, 'HOTLINE_RECORDINGS_DIR') === '' ? null : path.resolve(raw(env, 'HOTLINE_RECORDINGS_DIR')),
    speech: speechFolder(env),
    callEventsFile: raw(env, 'HOTLINE_CALL_EVENTS_FILE') === '' ? null : path.resolve(raw(env, 'HOTLINE_CALL_EVENTS_FILE')),
    recordingRetentionDays: positiveInt(env, 'HOTLINE_RECORDING_RETENTION_DAYS'),
    agentPhones: oneOf(env, 'HOTLINE_AGENT_PHONES', ['demo', 'pjsip'] as const),
    demoAnswerAfterSeconds: wholeNumber(env, 'HOTLINE_DEMO_ANSWER_AFTER'),
    demoNoAnswer: idList(raw(env, 'HOTLINE_DEMO_NO_ANSWER')),
    autoLogin: autoLogin(raw(env, 'HOTLINE_AUTO_LOGIN')),
    processNice: niceness(env, 'HOTLINE_PROCESS_NICE'),
    login: Object.freeze({
      maxFailuresPerAddress: positiveInt(env, 'HOTLINE_LOGIN_MAX_FAILURES_PER_ADDRESS'),
      addressWindowMs: positiveInt(env, 'HOTLINE_LOGIN_ADDRESS_WINDOW_SECONDS') * 1000,
    }),
    admission: admission(env),
    textMessages: textMessageConfig({ raw: (name) => raw(env, name), port: (name) => port(env, name), positiveInt: (name) => positiveInt(env, name), oneOf: (name, allowed) => oneOf(env, name, allowed) }, (message) => new ConfigError(message)),
    ...checked(parseGroupConfigs((name) => raw(env, name))),
  });
}

/** Both or neither: a folder without the name Asterisk gives it (or the reverse) cannot be played. */
function speechFolder(env: Env): Config['speech'] {
  const dir = raw(env, 'HOTLINE_SPEECH_DIR');
  const soundPrefix = raw(env, 'HOTLINE_SPEECH_SOUND_PREFIX').replace(/\/+$/, '');
  if (dir === '' && soundPrefix === '') return null;
  if (dir === '' || soundPrefix === '') throw new ConfigError('HOTLINE_SPEECH_DIR and HOTLINE_SPEECH_SOUND_PREFIX go together: the folder this machine writes and the name Asterisk reads it by');
  return Object.freeze({ dir: path.resolve(dir), soundPrefix });
}

/** In external mode the PBX must be fully described; says which variables are missing. */
export function missingExternalSettings(config: Config): string[] {
  const missing: string[] = [];
  if (!config.ari.url) missing.push('HOTLINE_ARI_URL');
  if (!config.ari.password) missing.push('HOTLINE_ARI_PASSWORD');
  if (!config.ami.password) missing.push('HOTLINE_AMI_PASSWORD');
  return missing;
}
