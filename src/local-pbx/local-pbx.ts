// The local PBX runner: a real Asterisk 22 in a chroot, started on loopback ports for `npm start`
// and the tests, on machines without a Docker engine.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { LocalPbxSettings } from '../config.js';
import { rotateCallEvents } from './call-events-file.js';
import { agentEndpoints, citizenEndpoint, fallbackMembers, readAgentIds, readSupervisorIds, renderConfigDir, supervisorEndpoints } from './config-render.js';
import { LocalPbxError } from './local-pbx-error.js';
import { pbxLayout, type PbxLayout } from './pbx-layout.js';
import { loadOrCreateSecrets } from './pbx-secrets.js';
import { installPromptAudio } from './prompt-audio.js';
import { ensureRoot, isRoot } from './root-builder.js';
import { findAsteriskPids, isAlive, waitUntilGone } from './pbx-processes.js';
import { describeSipThreadPriority, raiseSipThreadPriority } from './sip-thread-priority.js';

export const ARI_USER = 'hotline';
export const AMI_USER = 'hotline';

/** What a started instance tells its users (server, caller tool, tests). Saved as runtime.json. */
export interface PbxRuntime {
  readonly instance: string;
  readonly pid: number;
  readonly asteriskVersion: string;
  readonly rootDir: string;
  readonly ari: { readonly url: string; readonly user: string; readonly password: string };
  readonly ami: { readonly host: string; readonly port: number; readonly user: string; readonly password: string };
  /** SIP over UDP for handsets; `wsUrl` is Asterisk's SIP WebSocket the server relays browser phones to; agent passwords derive from `agentSecret`. */
  readonly sip: { readonly host: string; readonly port: number; readonly wsUrl: string; readonly agentSecret: string };
  readonly recordingsDir: string;
  /** Asterisk's dialplan folder for this instance (extensions.conf includes its *.conf), from the host. */
  readonly dialplanDir?: string;
  /** The channel events Asterisk writes for every call, as this machine sees them (restart recovery reads them). */
  readonly callEventsFile: string;
  readonly soundsDir: string;
  readonly consoleLog: string;
}

export interface PbxOptions extends PbxRenderOptions {
  readonly repoDir: string;
  readonly promptLanguage: string;
  readonly log?: (line: string) => void;
  readonly readyTimeoutMs?: number;
  /** Text appended to rendered configuration files by name (see renderConfigDir). */
  readonly extraConfig?: Readonly<Record<string, string>>;
  /** The agents' phone secret to use instead of the instance's own (a cluster's boxes share one). */
  readonly agentSipSecret?: string;
}

/** What shapes the rendered configuration beyond the instance's settings. */
export interface PbxRenderOptions {
  /** The agents whose phones get PJSIP endpoints (default: the repository's fixtures/agents.yaml). */
  readonly agentsFile?: string;
  /** The users whose supervisors get wallboard phones (default: the repository's fixtures/users.yaml). */
  readonly usersFile?: string;
  /** A fixed SIP address for every agent's handset, `{id}` standing for the agent (instead of registering). */
  readonly agentContact?: string;
  /** How many RTP ports, from HOTLINE_PBX_RTP_START (default 1000: about 250 calls with an agent). */
  readonly rtpPorts?: number;
  /**
   * Where ARI and AMI listen, and whom AMI admits (address/mask): loopback by default, right when the
   * servers share the box's network; a cluster's workers on other machines need the private network.
   */
  readonly apiBind?: string;
  readonly amiPermit?: string;
}

const runtimeFile = (layout: PbxLayout): string => path.join(layout.stateDir, 'runtime.json');

export function readRuntime(settings: LocalPbxSettings): PbxRuntime | undefined {
  const file = runtimeFile(pbxLayout(settings));
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as PbxRuntime;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function assertPortsFree(settings: LocalPbxSettings): Promise<void> {
  const ports = { HOTLINE_PBX_ARI_PORT: settings.ariPort, HOTLINE_PBX_AMI_PORT: settings.amiPort };
  for (const [name, port] of Object.entries(ports)) {
    if (!(await portFree(port))) {
      throw new LocalPbxError('PBX_PORT_BUSY', `Port ${port} on 127.0.0.1 is already in use; stop what uses it or set ${name}.`);
    }
  }
}

function buildRuntime(settings: LocalPbxSettings, layout: PbxLayout, pid: number, version: string): PbxRuntime {
  const secrets = loadOrCreateSecrets(layout.stateDir);
  return {
    instance: settings.instance,
    pid,
    asteriskVersion: version,
    rootDir: layout.rootDir,
    ari: { url: `http://127.0.0.1:${settings.ariPort}/ari`, user: ARI_USER, password: secrets.ariPassword },
    ami: { host: '127.0.0.1', port: settings.amiPort, user: AMI_USER, password: secrets.amiPassword },
    sip: { host: '127.0.0.1', port: settings.sipPort, wsUrl: `ws://127.0.0.1:${settings.ariPort}/ws`, agentSecret: secrets.agentSipSecret },
    recordingsDir: layout.recordingsDir,
    dialplanDir: path.join(layout.etcDir, 'dialplan'),
    callEventsFile: layout.callEventsFile,
    soundsDir: layout.soundsDir,
    consoleLog: path.join(layout.stateDir, 'asterisk-console.log'),
  };
}

export interface ConfigSecrets {
  readonly ariPassword: string;
  readonly amiPassword: string;
  readonly agentSipSecret: string;
}

/** The values the asterisk-docker/etc templates are rendered with; shared with the Docker set-up. */
export function templateValues(
  settings: LocalPbxSettings,
  instanceDirInRoot: string,
  secrets: ConfigSecrets,
  repoDir: string,
  sipBind = '127.0.0.1',
  render: PbxRenderOptions = {},
): Record<string, string> {
  const agentIds = readAgentIds(render.agentsFile ?? path.join(repoDir, 'fixtures', 'agents.yaml'));
  const contact = render.agentContact;
  return {
    INSTANCE: settings.instance,
    INSTANCE_DIR: instanceDirInRoot,
    ARI_PORT: String(settings.ariPort),
    ARI_USER,
    ARI_PASSWORD: secrets.ariPassword,
    AMI_PORT: String(settings.amiPort),
    AMI_USER,
    AMI_PASSWORD: secrets.amiPassword,
    SIP_BIND: sipBind,
    API_BIND: render.apiBind ?? '127.0.0.1',
    AMI_PERMIT: render.amiPermit ?? '127.0.0.1/255.255.255.255',
    SIP_PORT: String(settings.sipPort),
    RTP_START: String(settings.rtpStart),
    RTP_END: String(settings.rtpStart + (render.rtpPorts ?? 1000) - 1),
    AGENT_ENDPOINTS: agentEndpoints(agentIds, secrets.agentSipSecret, contact === undefined ? undefined : (id) => contact.replaceAll('{id}', id)),
    CITIZEN_ENDPOINT: citizenEndpoint(secrets.agentSipSecret),
    SUPERVISOR_ENDPOINTS: supervisorEndpoints(readSupervisorIds(render.usersFile ?? path.join(repoDir, 'fixtures', 'users.yaml')), secrets.agentSipSecret),
    FALLBACK_MEMBERS: fallbackMembers(agentIds),
  };
}

/**
 * The root's /etc/hosts names this machine: Asterisk looks its own host name up (to find its
 * address), and a name missing there becomes a DNS query on a SIP thread that fails slowly.
 */
export function ensureHostName(rootDir: string): void {
  const hosts = path.join(rootDir, 'etc', 'hosts');
  const name = os.hostname();
  const text = fs.existsSync(hosts) ? fs.readFileSync(hosts, 'utf8') : '';
  if (text.split('\n').some((line) => line.split(/\s+/).slice(1).includes(name))) return;
  fs.appendFileSync(hosts, `${text === '' || text.endsWith('\n') ? '' : '\n'}127.0.1.1\t${name}\n`);
}

function writeConfigs(settings: LocalPbxSettings, layout: PbxLayout, options: PbxOptions): void {
  ensureHostName(layout.rootDir);
  // A given agents' secret is saved with the instance's, so its runtime file names the same one.
  const secrets = loadOrCreateSecrets(layout.stateDir, options.agentSipSecret ? { agentSipSecret: options.agentSipSecret } : {});
  const values = templateValues(settings, layout.instanceDirInRoot, secrets, options.repoDir, '127.0.0.1', options);
  renderConfigDir(path.join(options.repoDir, 'asterisk-docker', 'etc'), path.join(options.repoDir, 'dialplan'), layout.etcDir, values, options.extraConfig);
  // Asterisk does not create cel-custom/ itself: without it every channel event is an error line.
  // lib/keys is res_crypto's key folder (loaded for DTLS-SRTP): missing, it logs an error at start.
  for (const dir of ['run', 'log', 'log/cel-custom', 'lib', 'lib/keys', 'cache', 'spool/recording']) {
    fs.mkdirSync(path.join(layout.instanceDir, dir), { recursive: true });
  }
  rotateCallEvents(layout.callEventsFile);
}

/** True when ARI answers with our credentials (so the instance is ours and ready). */
export async function ariAnswers(runtime: Pick<PbxRuntime, 'ari'>, timeoutMs = 1500): Promise<boolean> {
  try {
    const auth = Buffer.from(`${runtime.ari.user}:${runtime.ari.password}`).toString('base64');
    const response = await fetch(`${runtime.ari.url}/asterisk/info`, {
      headers: { authorization: `Basic ${auth}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** True when AMI sends its greeting line. */
export function amiAnswers(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('Asterisk Call Manager')));
  });
}

async function waitReady(runtime: PbxRuntime, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(runtime.pid)) {
      const tail = fs.existsSync(runtime.consoleLog) ? fs.readFileSync(runtime.consoleLog, 'utf8').slice(-1500) : '';
      throw new LocalPbxError('PBX_START_FAILED', `Asterisk exited during start-up. Last output:\n${tail}`);
    }
    if ((await ariAnswers(runtime)) && (await amiAnswers(runtime.ami.host, runtime.ami.port))) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new LocalPbxError('PBX_NOT_READY', `Asterisk did not answer on ARI and AMI within ${timeoutMs} ms; see ${runtime.consoleLog}`);
}

function asteriskCli(layout: PbxLayout, command: string): boolean {
  const result = spawnSync('chroot', [layout.rootDir, 'asterisk', '-C', layout.configFileInRoot, '-rx', command], {
    stdio: 'ignore',
    timeout: 5000,
  });
  return result.status === 0;
}

function readModules(layout: PbxLayout): string {
  const file = path.join(layout.etcDir, 'modules.conf');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** Starts the instance (building the root first if needed), or reuses it when it is already up. */
export async function pbxUp(settings: LocalPbxSettings, options: PbxOptions): Promise<PbxRuntime> {
  const log = options.log ?? (() => undefined);
  const layout = pbxLayout(settings);
  const info = await ensureRoot(layout.rootDir, log);
  if (!isRoot()) throw new LocalPbxError('PBX_NOT_ROOT', 'The local Asterisk runs in a chroot and needs root.');
  installPromptAudio(path.join(options.repoDir, 'ivr-flows', 'prompts'), options.promptLanguage, path.dirname(layout.rootDir), layout.soundsDir);
  const existing = readRuntime(settings);
  if (existing && isAlive(existing.pid) && (await ariAnswers(existing))) {
    const modulesBefore = readModules(layout);
    writeConfigs(settings, layout, options);
    // A reload loads no module that was not loaded (the browser phones brought four): restart then.
    if (readModules(layout) === modulesBefore && existing.sip.wsUrl !== undefined) {
      asteriskCli(layout, 'core reload');
      log(`Asterisk (${settings.instance}) already running, pid ${existing.pid}; configuration reloaded.`);
      log(describeSipThreadPriority(raiseSipThreadPriority(existing.pid, settings.sipThreadNice)));
      return existing;
    }
    log(`Asterisk (${settings.instance}) runs with another module list; restarting it.`);
  }
  await pbxDown(settings);
  await assertPortsFree(settings);
  writeConfigs(settings, layout, options);
  fs.mkdirSync(layout.stateDir, { recursive: true });
  const consoleLog = path.join(layout.stateDir, 'asterisk-console.log');
  const out = fs.openSync(consoleLog, 'w');
  // -f keeps Asterisk in the foreground of its own process, so the pid we get is Asterisk's.
  const child = spawn('chroot', [layout.rootDir, 'asterisk', '-C', layout.configFileInRoot, '-f', '-n'], {
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  child.unref();
  if (!child.pid) throw new LocalPbxError('PBX_START_FAILED', 'Could not spawn chroot/asterisk.');
  const runtime = buildRuntime(settings, layout, child.pid, info.asteriskVersion);
  fs.writeFileSync(runtimeFile(layout), JSON.stringify(runtime, null, 2), { mode: 0o600 });
  try {
    await waitReady(runtime, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await pbxDown(settings);
    throw error;
  }
  log(`Asterisk ${info.asteriskVersion} (${settings.instance}) up, pid ${child.pid}: ARI ${runtime.ari.url}, AMI 127.0.0.1:${settings.amiPort}`);
  // Once booted: res_pjsip made its thread as it loaded.
  log(describeSipThreadPriority(raiseSipThreadPriority(child.pid, settings.sipThreadNice)));
  return runtime;
}

/** Stops the instance: a clean `core stop now`, then SIGKILL; never leaves an Asterisk of it behind. */
export async function pbxDown(settings: LocalPbxSettings): Promise<{ stopped: number[] }> {
  const layout = pbxLayout(settings);
  const pids = findAsteriskPids(layout.configFileInRoot);
  if (pids.length === 0) {
    fs.rmSync(runtimeFile(layout), { force: true });
    return { stopped: [] };
  }
  asteriskCli(layout, 'core stop now');
  let left = await waitUntilGone(pids, 10_000);
  for (const pid of left) process.kill(pid, 'SIGKILL');
  left = await waitUntilGone(left, 5000);
  if (left.length > 0) throw new LocalPbxError('PBX_STOP_FAILED', `Asterisk processes ${left.join(', ')} survived SIGKILL.`);
  fs.rmSync(runtimeFile(layout), { force: true });
  return { stopped: pids };
}

export interface PbxStatus {
  readonly instance: string;
  readonly running: boolean;
  readonly ariReady: boolean;
  readonly amiReady: boolean;
  readonly pids: number[];
  readonly runtime?: PbxRuntime;
}

export async function pbxStatus(settings: LocalPbxSettings): Promise<PbxStatus> {
  const layout = pbxLayout(settings);
  const pids = findAsteriskPids(layout.configFileInRoot);
  const runtime = readRuntime(settings);
  const ariReady = !!runtime && (await ariAnswers(runtime));
  const amiReady = !!runtime && (await amiAnswers(runtime.ami.host, runtime.ami.port));
  return { instance: settings.instance, running: pids.length > 0, ariReady, amiReady, pids, ...(runtime ? { runtime } : {}) };
}
