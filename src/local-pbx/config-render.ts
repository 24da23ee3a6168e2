// Renders asterisk-docker/etc templates into an instance's etc folder and copies dialplan/ beside
// them. Runs at every start, so the repository is always the source of truth for Asterisk's config.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { agentSipCredential, citizenSipCredential, webPhoneCredential, type AgentPhoneKind } from '../adapters/sip/agent-sip-credential.js';
import { loadDataFile } from '../adapters/files/data-file.js';
import { parseUsers } from '../domain/auth/parse-users.js';
import { hasSupervisorPhone } from '../domain/phone/web-phone.js';

export type TemplateValues = Readonly<Record<string, string>>;

/** Replaces @@NAME@@ placeholders; an unknown placeholder is an error rather than a silent blank. */
export function renderTemplate(text: string, values: TemplateValues, fileName: string): string {
  return text.replace(/@@([A-Z_]+)@@/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${fileName}: no value for placeholder @@${name}@@`);
    return value;
  });
}

interface AgentFixture {
  readonly id: string;
  readonly name?: string;
}

export function readAgentIds(agentsFile: string): string[] {
  const doc = parse(fs.readFileSync(agentsFile, 'utf8')) as { agents?: AgentFixture[] };
  return (doc.agents ?? []).map((agent) => String(agent.id));
}

/**
 * An id that becomes a pjsip.conf section name and a SIP user: letters, digits, dot, dash and
 * underscore only, since anything else could break out of its section. Returns it, or throws.
 */
export function sipSectionName(id: string, what: string, maxLength = Infinity): string {
  if (!/^[A-Za-z0-9._-]+$/.test(id) || id.length > maxLength) throw new Error(`${what} "${id}" cannot name a SIP endpoint (letters, digits, dot, dash, underscore)`);
  return id;
}

/**
 * Two phones per agent, each a PJSIP endpoint, aor and auth of its own: agent-<id> for a SIP handset
 * and agent-<id>-web for the browser phone, each with its password derived from `secret`. Phones
 * register, unless `staticContact` gives each handset a fixed address (a load generator answering
 * for every agent): such a contact is not qualified, as a generator answers calls, not OPTIONS.
 */
export function agentEndpoints(agentIds: readonly string[], secret: string, staticContact?: (agentId: string) => string): string {
  for (const id of agentIds) sipSectionName(id, 'agent id', 32);
  return agentIds.map((id) => [agentPhone(secret, id, 'handset', 'agent-phone', staticContact?.(id)), agentPhone(secret, id, 'web', 'agent-web-phone')].join('\n')).join('\n');
}

function agentPhone(secret: string, agentId: string, kind: AgentPhoneKind, template: string, staticContact?: string): string {
  const { endpoint, password } = agentSipCredential(secret, agentId, kind);
  return [
    `[${endpoint}](${template})`,
    `auth = ${endpoint}`,
    `aors = ${endpoint}`,
    `callerid = "Agent ${agentId}" <${agentId}>`,
    '',
    `[${endpoint}](agent-aor)`,
    ...(staticContact ? [`contact = ${staticContact}`, 'qualify_frequency = 0'] : []),
    '',
    ...authSection(endpoint, password),
  ].join('\n');
}

/** The users of the users file who get a wallboard phone (supervisors, and admins naming no agent), by id. */
export function readSupervisorIds(usersFile: string): string[] {
  return loadDataFile(usersFile, parseUsers).filter(hasSupervisorPhone).map((user) => user.id);
}

/**
 * A browser phone per supervisor (supervisor-<user id>-web): the wallboard's, rung to monitor a
 * call. The agents' browser phone templates, so it is a WebRTC endpoint in from-agents like theirs;
 * its password is derived from `secret` the same way.
 */
export function supervisorEndpoints(userIds: readonly string[], secret: string): string {
  for (const id of userIds) sipSectionName(id, 'supervisor id', 64);
  return userIds
    .map((id) => {
      const { endpoint, password } = webPhoneCredential(secret, { kind: 'supervisor', userId: id });
      return [`[${endpoint}](agent-web-phone)`, `auth = ${endpoint}`, `aors = ${endpoint}`, `callerid = "Supervisor ${id}" <${id}>`, '', `[${endpoint}](agent-aor)`, '', ...authSection(endpoint, password)].join('\n');
    })
    .join('\n');
}

/** An endpoint's own credential (the agent-auth template: user and password). */
function authSection(endpoint: string, password: string): string[] {
  return [`[${endpoint}](agent-auth)`, `username = ${endpoint}`, `password = ${password}`, ''];
}

/**
 * The demo citizen's browser phone (the /phone page): an endpoint and its auth, no aor (it calls,
 * nothing rings it). Its caller number is the one the page asserts, else this plain one.
 */
export function citizenEndpoint(secret: string): string {
  const { endpoint, password } = citizenSipCredential(secret);
  return [
    `[${endpoint}](citizen-web-phone)`,
    `auth = ${endpoint}`,
    `callerid = "Web citizen" <13800000000>`,
    '',
    ...authSection(endpoint, password),
  ].join('\n');
}

/** The fallback queue's members: every agent's phone. */
export function fallbackMembers(agentIds: readonly string[]): string {
  return agentIds.map((id) => `member => PJSIP/agent-${id},0,${id}`).join('\n');
}

/**
 * Renders the templates and copies the dialplan; `extra` appends text to rendered files by name
 * (`queues.conf`, or `dialplan/<name>.conf` for a file of its own), for set-ups such as a benchmark.
 */
export function renderConfigDir(templateDir: string, dialplanDir: string, etcDir: string, values: TemplateValues, extra: Readonly<Record<string, string>> = {}): void {
  fs.rmSync(etcDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(etcDir, 'dialplan'), { recursive: true });
  for (const name of fs.readdirSync(templateDir).filter((file) => file.endsWith('.conf'))) {
    const text = fs.readFileSync(path.join(templateDir, name), 'utf8');
    fs.writeFileSync(path.join(etcDir, name), renderTemplate(text, values, name), { mode: 0o600 });
  }
  for (const name of fs.readdirSync(dialplanDir).filter((file) => file.endsWith('.conf'))) {
    fs.copyFileSync(path.join(dialplanDir, name), path.join(etcDir, 'dialplan', name));
  }
  for (const [name, text] of Object.entries(extra)) {
    const file = path.resolve(etcDir, name);
    if (!file.startsWith(path.resolve(etcDir) + path.sep)) throw new Error(`extra configuration outside the etc folder: ${name}`);
    fs.appendFileSync(file, `\n${text}\n`, { mode: 0o600 });
  }
}
