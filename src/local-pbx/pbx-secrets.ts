// Secrets are generated once per installation and instance, kept with mode 0600 outside the repo's
// tracked files. No default password is ever committed or used.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface PbxSecrets {
  readonly ariPassword: string;
  readonly amiPassword: string;
  readonly agentSipPassword: string;
}

function generate(): string {
  return randomBytes(18).toString('base64url');
}

function isSecrets(value: unknown): value is PbxSecrets {
  const v = value as Partial<PbxSecrets> | null;
  return !!v && typeof v.ariPassword === 'string' && typeof v.amiPassword === 'string' && typeof v.agentSipPassword === 'string';
}

export function loadOrCreateSecrets(stateDir: string): PbxSecrets {
  const file = path.join(stateDir, 'secrets.json');
  if (fs.existsSync(file)) {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (isSecrets(parsed)) return parsed;
  }
  const secrets: PbxSecrets = { ariPassword: generate(), amiPassword: generate(), agentSipPassword: generate() };
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
