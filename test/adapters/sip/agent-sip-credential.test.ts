// Every agent phone's password derives from the installation secret and its endpoint's name.
import { describe, expect, it } from 'vitest';
import { agentEndpointName, agentSipCredential } from '../../../src/adapters/sip/agent-sip-credential.js';

const SECRET = 'an-installation-secret-of-ours';

describe('agent SIP credentials', () => {
  it('names the handset and the browser phone of an agent', () => {
    expect([agentEndpointName('8001', 'handset'), agentEndpointName('8001', 'web')]).toEqual(['agent-8001', 'agent-8001-web']);
  });

  it('derives the same password every time, a different one per phone, agent and installation', () => {
    const one = agentSipCredential(SECRET, '8001', 'web');
    expect(agentSipCredential(SECRET, '8001', 'web')).toEqual(one);
    expect(one.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const others = [agentSipCredential(SECRET, '8001', 'handset'), agentSipCredential(SECRET, '8002', 'web'), agentSipCredential(`${SECRET}!`, '8001', 'web')];
    for (const other of others) expect(other.password).not.toBe(one.password);
  });

  it('refuses a secret too short to protect every agent', () => {
    expect(() => agentSipCredential('short', '8001', 'web')).toThrow(/at least 16/);
  });
});
