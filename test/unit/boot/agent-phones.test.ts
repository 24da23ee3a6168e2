// Which phone rings for an agent: the line first, then the browser phone, a registered handset, the
// agent's phone on another box of the cluster (over the trunk), and only then the demo handset or the
// agents.yaml softphone; and where a caller of another box put through to the agent goes here.
import { describe, expect, it } from 'vitest';
import type { Acd } from '../../../src/app/ports/acd.js';
import { agentPhones, putThroughTarget, type AgentPhoneStates } from '../../../src/boot/agent-phones.js';
import { loadConfig } from '../../../src/config.js';
import type { AgentProfile } from '../../../src/domain/acd/acd-config.js';

const acd = { agents: new Map([['8001', { id: '8001', phone: 'desk-8001' } as AgentProfile]]) } as unknown as Acd;

function states(over: Partial<AgentPhoneStates>): AgentPhoneStates {
  return { webPhoneUp: () => false, lineOf: () => null, handsetUp: () => false, homeOf: () => null, ...over };
}

describe('agentPhones', () => {
  const demo = loadConfig({});
  const pjsip = loadConfig({ HOTLINE_AGENT_PHONES: 'pjsip' });

  it('prefers the line, then the browser phone, then a registered handset, then a phone on another box', () => {
    const all = states({ lineOf: () => 'line-1', webPhoneUp: () => true, handsetUp: () => true, homeOf: () => 'pbx-2' });
    expect(agentPhones(demo, acd, all)('8001')).toEqual({ kind: 'line', lineId: 'line-1' });
    expect(agentPhones(demo, acd, { ...all, lineOf: () => null })('8001')).toEqual({ kind: 'pjsip', endpoint: 'agent-8001-web' });
    expect(agentPhones(demo, acd, { ...all, lineOf: () => null, webPhoneUp: () => false })('8001')).toEqual({ kind: 'pjsip', endpoint: 'desk-8001' });
    expect(agentPhones(demo, acd, states({ homeOf: () => 'pbx-2' }))('8001')).toEqual({ kind: 'trunk', pbx: 'pbx-2' });
  });

  it('with no phone anywhere: the demo handset in demo mode, the agents.yaml softphone otherwise', () => {
    expect(agentPhones(demo, acd, states({}))('8001')).toMatchObject({ kind: 'demo' });
    expect(agentPhones(pjsip, acd, states({}))('8001')).toEqual({ kind: 'pjsip', endpoint: 'desk-8001' });
  });
});

describe('putThroughTarget', () => {
  it('joins the line when one is up, else rings the browser phone or the handset, else refuses', () => {
    const target = (over: Partial<AgentPhoneStates>) => putThroughTarget(acd, states(over))('8001');
    expect(target({ lineOf: () => 'line-1', webPhoneUp: () => true })).toEqual({ kind: 'line', lineId: 'line-1' });
    expect(target({ webPhoneUp: () => true, handsetUp: () => true })).toEqual({ kind: 'phone', endpoint: 'agent-8001-web' });
    expect(target({ handsetUp: () => true })).toEqual({ kind: 'phone', endpoint: 'desk-8001' });
    expect(target({ homeOf: () => 'pbx-3' })).toBeNull();
  });
});
