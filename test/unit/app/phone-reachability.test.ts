// Agents' softphones: only a change of reachability reaches the ACD, a phone missing from the list is
// unreachable, and every (re)connection reads the list again; in a cluster an agent whose phone is on
// another box is reachable too; in demo mode a registered real handset is seen (it rings first).
import { describe, expect, it } from 'vitest';
import type { AgentProfile } from '../../../src/domain/acd/acd-config.js';
import { PhoneReachability } from '../../../src/app/phone-reachability.js';
import type { AgentPhoneEvents, PhoneStatus } from '../../../src/app/ports/phone-events.js';
import { createLogger } from '../../../src/logging/logger.js';

class ScriptedPhones implements AgentPhoneEvents {
  statuses: PhoneStatus[] = [];
  private readonly changes: ((status: PhoneStatus) => void)[] = [];
  private readonly linkUps: (() => void)[] = [];
  onPhoneStatus(listener: (status: PhoneStatus) => void): void {
    this.changes.push(listener);
  }
  onLinkUp(listener: () => void): void {
    this.linkUps.push(listener);
  }
  async phoneStatuses(): Promise<PhoneStatus[]> {
    return this.statuses;
  }
  change(status: PhoneStatus): void {
    for (const listener of this.changes) listener(status);
  }
  linkUp(): void {
    for (const listener of this.linkUps) listener();
  }
}

function setUp() {
  const phones = new ScriptedPhones();
  const told: [string, boolean][] = [];
  const agents = new Map([
    ['a1', { id: 'a1', phone: 'agent-a1' } as AgentProfile],
    ['a2', { id: 'a2', phone: 'agent-a2' } as AgentProfile],
  ]);
  const reachability = new PhoneReachability(phones, { agents, phoneReachability: (id, reachable) => void told.push([id, reachable]) }, createLogger('silent'));
  reachability.start();
  return { phones, told, reachability };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('PhoneReachability', () => {
  it('tells the ACD of changes only, whatever case the phone system spells the phone in', () => {
    const { phones, told } = setUp();
    phones.change({ phone: 'AGENT-A1', reachable: true, detail: 'NOT_INUSE' });
    phones.change({ phone: 'agent-a1', reachable: true, detail: 'INUSE' });
    phones.change({ phone: 'agent-a1', reachable: false, detail: 'UNAVAILABLE' });
    phones.change({ phone: 'someone-else', reachable: true, detail: 'NOT_INUSE' });
    expect(told).toEqual([
      ['a1', true],
      ['a1', false],
    ]);
  });

  it('reads the list when the link comes up; a phone not listed is unreachable', async () => {
    const { phones, told } = setUp();
    phones.statuses = [{ phone: 'agent-a1', reachable: true, detail: 'NOT_INUSE' }];
    phones.linkUp();
    await flush();
    expect(told).toEqual([
      ['a1', true],
      ['a2', false],
    ]);
    phones.statuses = [
      { phone: 'agent-a1', reachable: true, detail: 'NOT_INUSE' },
      { phone: 'agent-a2', reachable: true, detail: 'NOT_INUSE' },
    ];
    phones.linkUp();
    await flush();
    expect(told.slice(2)).toEqual([['a2', true]]);
  });

  it('keeps what it knew when the list cannot be read', async () => {
    const { phones, told, reachability } = setUp();
    phones.phoneStatuses = () => Promise.reject(new Error('AMI is not connected'));
    await reachability.refresh();
    expect(told).toEqual([]);
  });
});

describe('PhoneReachability: the browser phone', () => {
  it('an agent whose browser phone registers is reachable without a handset, and while it is up it is the phone that rings', () => {
    const { phones, told, reachability } = setUp();
    expect(reachability.webPhoneUp('a1')).toBe(false);
    phones.change({ phone: 'agent-a1-web', reachable: true, detail: 'NOT_INUSE' });
    expect(told).toEqual([['a1', true]]);
    expect(reachability.webPhoneUp('a1')).toBe(true);
    expect(reachability.webPhoneUp('a2')).toBe(false);
    // The handset coming up changes nothing the ACD must hear; the browser phone leaving still leaves the handset.
    phones.change({ phone: 'agent-a1', reachable: true, detail: 'NOT_INUSE' });
    phones.change({ phone: 'AGENT-A1-WEB', reachable: false, detail: 'UNAVAILABLE' });
    expect(told).toEqual([['a1', true]]);
    expect(reachability.webPhoneUp('a1')).toBe(false);
    phones.change({ phone: 'agent-a1', reachable: false, detail: 'UNAVAILABLE' });
    expect(told).toEqual([
      ['a1', true],
      ['a1', false],
    ]);
  });

  it('in demo mode the ACD never hears of phones (demo handsets are always there), and the browser phone is still watched', async () => {
    const phones = new ScriptedPhones();
    const told: [string, boolean][] = [];
    const agents = new Map([['a1', { id: 'a1', phone: 'agent-a1' } as AgentProfile]]);
    const reachability = new PhoneReachability(phones, { agents, phoneReachability: (id, reachable) => void told.push([id, reachable]) }, createLogger('silent'), { watchHandsets: false });
    reachability.start();
    phones.statuses = [{ phone: 'agent-a1-web', reachable: true, detail: 'NOT_INUSE' }];
    phones.linkUp();
    await flush();
    expect(reachability.webPhoneUp('a1')).toBe(true);
    phones.change({ phone: 'agent-a1', reachable: false, detail: 'UNAVAILABLE' });
    phones.change({ phone: 'agent-a1-web', reachable: false, detail: 'UNAVAILABLE' });
    expect(reachability.webPhoneUp('a1')).toBe(false);
    expect(told).toEqual([]);
  });

  it('in a cluster the ACD is told an agent is reachable while another box reaches their phone, and not once it stops', () => {
    const phones = new ScriptedPhones();
    const told: [string, boolean][] = [];
    const agents = new Map([['a1', { id: 'a1', phone: 'agent-a1' } as AgentProfile]]);
    let elsewhere = false;
    const reachability = new PhoneReachability(phones, { agents, phoneReachability: (id, reachable) => void told.push([id, reachable]) }, createLogger('silent'), { watchHandsets: true, elsewhere: () => elsewhere });
    reachability.start();
    phones.change({ phone: 'agent-a1', reachable: false, detail: 'UNAVAILABLE' });
    elsewhere = true;
    reachability.homesChanged();
    reachability.homesChanged();
    expect(reachability.reachesHere('a1')).toBe(false);
    elsewhere = false;
    reachability.homesChanged();
    expect(told).toEqual([
      ['a1', false],
      ['a1', true],
      ['a1', false],
    ]);
  });

  it('in demo mode a real handset registered for the agent is seen (then it rings instead of the demo one)', () => {
    const phones = new ScriptedPhones();
    const told: [string, boolean][] = [];
    const agents = new Map([['a1', { id: 'a1', phone: 'agent-a1' } as AgentProfile]]);
    const reachability = new PhoneReachability(phones, { agents, phoneReachability: (id, reachable) => void told.push([id, reachable]) }, createLogger('silent'), { watchHandsets: false });
    reachability.start();
    phones.change({ phone: 'AGENT-A1', reachable: true, detail: 'NOT_INUSE' });
    expect(reachability.handsetUp('a1')).toBe(true);
    expect(reachability.reachesHere('a1')).toBe(true);
    expect(reachability.webPhoneUp('a1')).toBe(false);
    expect(told).toEqual([]);
  });
});
