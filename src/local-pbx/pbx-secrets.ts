// Secrets are generated once per installation and instance, kept with mode 0600 outside the repo's
// tracked files. No default password is ever committed or used.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface PbxSecrets {
  readonly ariPassword: string;
  readonly amiPassword: string;
  /** Every agent phone's SIP password is derived from it (adapters/sip/agent-sip-credential.ts). */
  readonly agentSipSecret: string;
}

const NAMES = ['ariPassword', 'amiPassword', 'agentSipSecret'] as const;

function generate(): string {
  return randomBytes(24).toString('base64url');
}

function readSaved(file: string): Partial<Record<(typeof NAMES)[number], string>> {
  if (!fs.existsSync(file)) return {};
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!parsed || typeof parsed !== 'object') return {};
  const saved = parsed as Record<string, unknown>;
  return Object.fromEntries(NAMES.filter((name) => typeof saved[name] === 'string' && saved[name] !== '').map((name) => [name, saved[name] as string]));
}

/**
 * The instance's secrets; a missing one is generated and saved, and those already saved are kept
 * (an Asterisk still running with them must keep answering the server). One `given` replaces the
 * saved one (a cluster's boxes share the agents' phone secret, so a phone registers on either).
 */
export function loadOrCreateSecrets(stateDir: string, given: Partial<PbxSecrets> = {}): PbxSecrets {
  const file = path.join(stateDir, 'secrets.json');
  const saved = readSaved(file);
  const secrets: PbxSecrets = {
    ariPassword: given.ariPassword ?? saved.ariPassword ?? generate(),
    amiPassword: given.amiPassword ?? saved.amiPassword ?? generate(),
    agentSipSecret: given.agentSipSecret ?? saved.agentSipSecret ?? generate(),
  };
  if (NAMES.every((name) => saved[name] === secrets[name])) return secrets;
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
