import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentEndpoints, citizenEndpoint, readSupervisorIds, renderConfigDir, supervisorEndpoints } from '../../../src/local-pbx/config-render.js';
import { ensureHostName } from '../../../src/local-pbx/local-pbx.js';
import { agentSipCredential, citizenSipCredential, webPhoneCredential } from '../../../src/adapters/sip/agent-sip-credential.js';
import { asteriskTemplate } from '../../helpers/asterisk-templates.js';

const SECRET = 'a-test-installation-secret';

const temp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-render-'));

describe('the local Asterisk configuration', () => {
  it('gives agent handsets that register, or a fixed unqualified contact for a load generator', () => {
    const registering = agentEndpoints(['8001'], SECRET);
    expect(registering).toContain('[agent-8001](agent-aor)\n\n');
    expect(registering).not.toContain('contact =');
    const fixed = agentEndpoints(['70000'], SECRET, (id) => `sip:agent-${id}@127.0.0.1:16970`);
    expect(fixed).toContain('[agent-70000](agent-aor)\ncontact = sip:agent-70000@127.0.0.1:16970\nqualify_frequency = 0\n');
    // The browser phone always registers: a load generator answers for handsets only.
    expect(fixed).toContain('[agent-70000-web](agent-aor)\n\n');
  });

  it('gives each agent a browser phone beside the handset, each with a password of its own', () => {
    const text = agentEndpoints(['8001', '8002'], SECRET);
    expect(text).toContain('[agent-8001](agent-phone)\nauth = agent-8001\naors = agent-8001\n');
    expect(text).toContain('[agent-8001-web](agent-web-phone)\nauth = agent-8001-web\naors = agent-8001-web\n');
    const passwords = [...text.matchAll(/^password = (\S+)$/gm)].map((match) => match[1]);
    expect(passwords).toHaveLength(4);
    expect(new Set(passwords).size).toBe(4);
    expect(text).toContain(`username = agent-8002-web\npassword = ${agentSipCredential(SECRET, '8002', 'web').password}\n`);
  });

  it("gives the demo's citizen phone a password of its own and the citizens' entry context, from loopback only", () => {
    const text = citizenEndpoint(SECRET);
    const { password } = citizenSipCredential(SECRET);
    expect(text).toContain(`[citizen-web](citizen-web-phone)\nauth = citizen-web\n`);
    expect(text).toContain(`username = citizen-web\npassword = ${password}\n`);
    expect(agentEndpoints(['8001', '8002'], SECRET)).not.toContain(password);
    const template = asteriskTemplate('pjsip.conf');
    const section = template.slice(template.indexOf('[citizen-web-phone](!)')).split('\n\n')[0] ?? '';
    for (const line of ['context = from-citizen', 'webrtc = yes', 'trust_id_inbound = yes', 'deny = 0.0.0.0/0.0.0.0', 'permit = 127.0.0.1/255.255.255.255']) expect(section).toContain(line);
  });

  it("gives every supervisor of the users file (and an admin naming no agent) a browser phone like the agents', with a password of its own", () => {
    // The repository's users: supervisor and admin get one; agents (who have theirs) and QA do not.
    expect(readSupervisorIds(path.resolve('fixtures', 'users.yaml'))).toEqual(['supervisor', 'admin']);
    const text = supervisorEndpoints(['supervisor'], SECRET);
    const { password } = webPhoneCredential(SECRET, { kind: 'supervisor', userId: 'supervisor' });
    expect(text).toContain('[supervisor-supervisor-web](agent-web-phone)\nauth = supervisor-supervisor-web\naors = supervisor-supervisor-web\n');
    expect(text).toContain('[supervisor-supervisor-web](agent-aor)\n\n');
    expect(text).toContain(`[supervisor-supervisor-web](agent-auth)\nusername = supervisor-supervisor-web\npassword = ${password}\n`);
    // Derived from the endpoint's name as the agents' are: no agent phone shares it.
    expect(agentEndpoints(['8001', 'supervisor'], SECRET)).not.toContain(password);
    expect(() => supervisorEndpoints(['sup]\n[x'], SECRET)).toThrow(/cannot name a SIP endpoint/);
    const template = asteriskTemplate('pjsip.conf');
    expect(template).toContain('@@SUPERVISOR_ENDPOINTS@@');
  });

  it('refuses an agent id that could break out of its section', () => {
    expect(() => agentEndpoints(['80]\n[x'], SECRET)).toThrow(/cannot name a SIP endpoint/);
  });

  it('appends extra text to rendered files, and refuses a name outside the etc folder', () => {
    const dir = temp();
    const templates = path.join(dir, 'templates');
    const dialplan = path.join(dir, 'dialplan');
    fs.mkdirSync(templates);
    fs.mkdirSync(dialplan);
    fs.writeFileSync(path.join(templates, 'queues.conf'), '[general]\nx = @@X@@\n');
    fs.writeFileSync(path.join(dialplan, 'hotline.conf'), '[from-citizen]\n');
    const etc = path.join(dir, 'etc');
    renderConfigDir(templates, dialplan, etc, { X: '1' }, { 'queues.conf': '[extra]\ny = 2', 'dialplan/extra.conf': '[more]' });
    expect(fs.readFileSync(path.join(etc, 'queues.conf'), 'utf8')).toBe('[general]\nx = 1\n\n[extra]\ny = 2\n');
    expect(fs.readFileSync(path.join(etc, 'dialplan', 'extra.conf'), 'utf8')).toBe('\n[more]\n');
    expect(() => renderConfigDir(templates, dialplan, etc, { X: '1' }, { '../outside.conf': 'no' })).toThrow(/outside the etc folder/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("names this host in the root's /etc/hosts once, keeping what was there", () => {
    const root = temp();
    fs.mkdirSync(path.join(root, 'etc'));
    fs.writeFileSync(path.join(root, 'etc', 'hosts'), '127.0.0.1\tlocalhost');
    ensureHostName(root);
    ensureHostName(root);
    expect(fs.readFileSync(path.join(root, 'etc', 'hosts'), 'utf8')).toBe(`127.0.0.1\tlocalhost\n127.0.1.1\t${os.hostname()}\n`);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
