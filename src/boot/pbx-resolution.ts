// Where the PBX is: given explicitly, from the running local instance, or from HOTLINE_* settings,
// with the external secrets refused when anyone could guess them.
import path from 'node:path';
import type { AmiSettings, AriSettings, Config } from '../config.js';
import { missingExternalSettings } from '../config.js';
import { readRuntime } from '../local-pbx/index.js';
import { StartupError } from './startup-error.js';

export interface PbxConnection {
  readonly ari: AriSettings;
  readonly ami: AmiSettings;
  /** Where Asterisk's hotline sounds are, when this machine can see them (prompt audio is then checked). */
  readonly soundsDir?: string;
  /** Where text spoken at call time is written (as this machine sees it) and how Asterisk names it; none: such text is left out. */
  readonly speech?: SpeechFolder;
  /** Where Asterisk writes recordings, as this machine sees it. */
  readonly recordingsDir?: string;
  /** Where generated dialplan files go, when this machine can write Asterisk's (compiled IVR menus). */
  readonly dialplanDir?: string;
  /** Asterisk's SIP WebSocket for the browser phones, and the secret their passwords derive from (null: not known here). */
  readonly sip?: { readonly webSocketUrl: string; readonly agentSecret: string | null };
}

export interface SpeechFolder {
  readonly dir: string;
  /** The folder as a sound name of Asterisk's (no extension, no trailing slash). */
  readonly soundPrefix: string;
}

/** Beside the prompts in the hotline's sounds folder, where Asterisk plays it as hotline/speech/<name>. */
export function speechFolderIn(soundsDir: string): SpeechFolder {
  return { dir: path.join(soundsDir, 'speech'), soundPrefix: 'hotline/speech' };
}

const EXTERNAL_HINT =
  'Set HOTLINE_PBX=external with HOTLINE_ARI_URL, HOTLINE_ARI_USER, HOTLINE_ARI_PASSWORD, HOTLINE_AMI_HOST, ' +
  'HOTLINE_AMI_PORT, HOTLINE_AMI_USER and HOTLINE_AMI_PASSWORD, or run `npm start` as root to use the embedded Asterisk.';

// Secrets shipped in examples and guides, which scanners try first.
const DEFAULT_SECRETS = new Set(['asterisk', 'hotline', 'secret', 'password', 'changeme', 'admin', 'amp111', 'mysecret', '123456']);

/** A secret anyone could guess: a known default, or too short to resist guessing. */
export function isKnownDefaultSecret(secret: string): boolean {
  return DEFAULT_SECRETS.has(secret.toLowerCase()) || secret.length < 12;
}

function localPbx(config: Config): PbxConnection {
  const runtime = readRuntime(config.localPbx);
  if (!runtime) {
    throw new StartupError('PBX_NOT_CONFIGURED', `No local Asterisk instance "${config.localPbx.instance}" is running (npm run pbx:up). ${EXTERNAL_HINT}`);
  }
  return {
    ari: { url: runtime.ari.url, user: runtime.ari.user, password: runtime.ari.password, app: config.ari.app },
    ami: runtime.ami,
    soundsDir: runtime.soundsDir,
    speech: speechFolderIn(runtime.soundsDir),
    recordingsDir: runtime.recordingsDir,
    ...(runtime.dialplanDir ? { dialplanDir: runtime.dialplanDir } : {}),
    // A runtime file written before the browser phones existed names neither; the settings' then apply.
    sip: { webSocketUrl: runtime.sip.wsUrl ?? sipWebSocketUrl(config), agentSecret: runtime.sip.agentSecret ?? (config.agentSipSecret || null) },
  };
}

/** HOTLINE_SIP_WS_URL, or Asterisk's HTTP server beside ARI: the ARI URL's host and port, path /ws. */
export function sipWebSocketUrl(config: Config, ariUrl: string = config.ari.url): string {
  if (config.sipWebSocketUrl !== '') return config.sipWebSocketUrl;
  const url = new URL(ariUrl);
  return `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}/ws`;
}

function externalPbx(config: Config): PbxConnection {
  const missing = missingExternalSettings(config);
  if (missing.length > 0) throw new StartupError('PBX_NOT_CONFIGURED', `Missing ${missing.join(', ')}. ${EXTERNAL_HINT}`);
  const weak = [
    ['HOTLINE_ARI_PASSWORD', config.ari.password],
    ['HOTLINE_AMI_PASSWORD', config.ami.password],
  ].filter(([, secret]) => isKnownDefaultSecret(secret ?? ''));
  if (weak.length > 0) {
    throw new StartupError('PBX_SECRET_WEAK', `${weak.map(([name]) => name).join(' and ')} is a well-known default or too short (under 12 characters): set a generated secret in Asterisk and here.`);
  }
  return { ari: config.ari, ami: config.ami, ...(config.speech ? { speech: config.speech } : {}), sip: { webSocketUrl: sipWebSocketUrl(config), agentSecret: config.agentSipSecret || null } };
}

/** Where the PBX is, from the running local instance or from HOTLINE_* settings; a web node's is never connected to. */
export function resolvePbx(config: Config): PbxConnection {
  if (config.cluster?.pbx === null) return webNodePbx(config);
  return config.pbxMode === 'local' ? localPbx(config) : externalPbx(config);
}

/** A web node runs no PBX: its ARI and AMI clients are made like a standby's and never started, so nothing of them is required. */
function webNodePbx(config: Config): PbxConnection {
  return { ari: { ...config.ari, url: config.ari.url || 'http://127.0.0.1:8088/ari' }, ami: config.ami };
}

/** ARI did not answer in time: where it was looked for, and how to point the server elsewhere. */
export function pbxUnreachable(pbx: PbxConnection): StartupError {
  return new StartupError('PBX_UNREACHABLE', `Asterisk ARI at ${pbx.ari.url} did not answer. ${EXTERNAL_HINT}`);
}
