// The monitoring service over a recording port (no phone system): who may change or end a session,
// one barge per call, a session per supervisor and call, the pieces asked of the phone system in
// order, the audit lines with the supervisor's role, the sessions ended with the agent's call, and
// each mode heard told to an observer once its spy is joined.
// The sound of it is proven on a real Asterisk in test/pbx/call-monitoring.test.ts.
import { describe, expect, it } from 'vitest';
import { MonitorService, type MonitorHeard, type MonitorNotice } from '../../../src/app/monitoring/monitor-service.js';
import type { AuditEntry } from '../../../src/app/ports/audit-log.js';
import type { MonitoringListener, MonitoringPort } from '../../../src/app/ports/monitoring.js';
import { createLogger } from '../../../src/logging/logger.js';

function setup() {
  const asked: string[] = [];
  let listener: MonitoringListener | null = null;
  const port: MonitoringPort = {
    attach: (l) => void (listener = l),
    hasPhone: async (supervisorId) => supervisorId !== 'phoneless',
    dialSupervisor: async (request) => void asked.push(`dial ${request.legId}`),
    makeSpy: async (request) => void asked.push(`spy ${request.spy} ${request.whisper} on ${request.agentLeg}`),
    hangup: async (channelId) => void asked.push(`hangup ${channelId}`),
    endBridge: async (bridge) => void asked.push(`end ${bridge}`),
    handOver: async (legId, bridge) => void asked.push(`hand over ${legId} from ${bridge}`),
  };
  const taken: string[] = [];
  const audit: AuditEntry[] = [];
  const notices: MonitorNotice[] = [];
  const helped: string[] = [];
  const heard: MonitorHeard[] = [];
  const service = new MonitorService({
    port,
    calls: {
      conversationOf: (callId) => (callId === 'c1' ? { agentId: '8001', agentLeg: 'agentleg-1-c1' } : null),
      knowsCall: (callId) => callId === 'c2',
      forceRelease: (callId, supervisorId) => (taken.push(`release ${callId} by ${supervisorId}`), { ok: true }),
      takeOver: (callId, supervisorId, legId) => (taken.push(`take ${callId} by ${supervisorId} on ${legId}`), { ok: true }),
    },
    audit: { write: async (entry) => void audit.push(entry) },
    tellAgent: (notice) => notices.push(notice),
    helpAnswered: (callId) => helped.push(callId),
    announceListen: false,
    now: () => 1000,
    logger: createLogger('silent'),
    heardChanged: (change) => heard.push(change),
  });
  const phone = (): MonitoringListener => {
    if (!listener) throw new Error('not attached');
    return listener;
  };
  return { service, asked, audit, notices, helped, heard, phone, taken };
}

const supervisor = { id: 'supervisor', role: 'supervisor' };
const other = { id: 'zhao', role: 'supervisor' };
const admin = { id: 'admin', role: 'admin' };
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('the monitoring service', () => {
  it('starts a session on a call in conversation only, one per supervisor, one barge per call', async () => {
    const { service, helped } = setup();
    expect(await service.start('nowhere', supervisor, 'listen')).toEqual({ ok: false, code: 'CALL_NOT_FOUND' });
    expect(await service.start('c2', supervisor, 'listen')).toEqual({ ok: false, code: 'CALL_NOT_IN_CONVERSATION' });
    expect(await service.start('c1', supervisor, 'barge')).toEqual({ ok: true, monitorId: 'mon-1-c1' });
    expect(helped).toEqual(['c1']);
    expect(await service.start('c1', supervisor, 'listen')).toEqual({ ok: false, code: 'MONITOR_ALREADY_ON' });
    expect(await service.start('c1', other, 'barge')).toEqual({ ok: false, code: 'MONITOR_BARGE_TAKEN' });
    expect(await service.start('c1', other, 'listen')).toEqual({ ok: true, monitorId: 'mon-2-c1' });
    // A supervisor without a registered phone is refused before anything is rung.
    expect(await service.start('c1', { id: 'phoneless', role: 'supervisor' }, 'listen')).toEqual({ ok: false, code: 'MONITOR_NO_PHONE' });
    expect(service.list().map((view) => view.supervisorId)).toEqual(['supervisor', 'zhao']);
    expect(service.change('mon-2-c1', other, 'barge')).toEqual({ ok: false, code: 'MONITOR_BARGE_TAKEN' });
  });

  it('lets only its supervisor (or an admin) change or end a session', async () => {
    const { service, asked, phone, audit } = setup();
    await service.start('c1', supervisor, 'listen');
    phone().supervisorAnswered('mon-1-c1');
    phone().spyJoined('mon-1-c1', 'spy-1-mon-1-c1');
    expect(service.change('mon-1-c1', other, 'whisper')).toEqual({ ok: false, code: 'MONITOR_NOT_YOURS' });
    expect(service.stop('mon-9-c1', supervisor)).toEqual({ ok: false, code: 'MONITOR_NOT_FOUND' });
    expect(service.change('mon-1-c1', supervisor, 'whisper')).toEqual({ ok: true, monitorId: 'mon-1-c1' });
    expect(service.list()).toEqual([expect.objectContaining({ monitorId: 'mon-1-c1', mode: 'whisper', heard: 'listen', phase: 'on' })]);
    expect(service.stop('mon-1-c1', admin)).toEqual({ ok: true, monitorId: 'mon-1-c1' });
    await flush();
    expect(asked).toEqual(['dial sup-mon-1-c1', 'spy spy-1-mon-1-c1 none on agentleg-1-c1', 'spy spy-2-mon-1-c1 out on agentleg-1-c1', 'hangup sup-mon-1-c1', 'hangup spy-1-mon-1-c1', 'hangup spy-2-mon-1-c1', 'end monitor-mon-1-c1']);
    expect(audit.map((entry) => [entry.action, entry.actor, entry.role, entry.target])).toEqual([
      ['call.monitor.started', 'supervisor', 'supervisor', 'call:c1'],
      ['call.monitor.ended', 'supervisor', 'supervisor', 'call:c1'],
    ]);
    expect(service.list()).toEqual([]);
  });

  it('ends every session on an agent who left the call, and tells the agent the banner is gone', async () => {
    const { service, phone, notices } = setup();
    await service.start('c1', supervisor, 'whisper');
    phone().supervisorAnswered('mon-1-c1');
    phone().spyJoined('mon-1-c1', 'spy-1-mon-1-c1');
    expect(notices.map((notice) => notice.mode)).toEqual(['whisper']);
    service.agentLeftCall('8001');
    await flush();
    expect(notices.map((notice) => notice.mode)).toEqual(['whisper', null]);
    expect(service.list()).toEqual([]);
  });

  it('tells its observer each mode heard once its spy is joined, not when it is asked for', async () => {
    const { service, phone, heard } = setup();
    await service.start('c1', supervisor, 'listen');
    phone().supervisorAnswered('mon-1-c1');
    expect(heard).toEqual([]);
    phone().spyJoined('mon-1-c1', 'spy-1-mon-1-c1');
    service.change('mon-1-c1', supervisor, 'barge');
    expect(heard.map((change) => change.heard)).toEqual(['listen']);
    phone().spyJoined('mon-1-c1', 'spy-2-mon-1-c1');
    expect(heard).toEqual([
      { monitorId: 'mon-1-c1', callId: 'c1', heard: 'listen', at: 1000 },
      { monitorId: 'mon-1-c1', callId: 'c1', heard: 'barge', at: 1000 },
    ]);
  });

  it('a supervisor whose phone cannot be rung ends the session at once', async () => {
    const { service, phone } = setup();
    await service.start('c1', supervisor, 'listen');
    phone().supervisorLeft('mon-1-c1');
    await flush();
    expect(service.list()).toEqual([]);
  });
  it('takes a call over only from a session that hears it, its own or as an admin: the phone is handed over, then the call takes it', async () => {
    const { service, asked, phone, taken, notices } = setup();
    await service.start('c1', supervisor, 'listen');
    expect(service.takeOver('mon-1-c1', supervisor)).toEqual({ ok: false, code: 'MONITOR_NOT_HEARING' });
    phone().supervisorAnswered('mon-1-c1');
    phone().spyJoined('mon-1-c1', 'spy-1-mon-1-c1');
    expect(service.takeOver('mon-1-c1', other)).toEqual({ ok: false, code: 'MONITOR_NOT_YOURS' });
    expect(service.takeOver('mon-9-c1', supervisor)).toEqual({ ok: false, code: 'MONITOR_NOT_FOUND' });
    asked.length = 0;
    expect(service.takeOver('mon-1-c1', admin)).toEqual({ ok: true, monitorId: 'mon-1-c1' });
    await flush();
    expect(asked).toEqual(['hangup spy-1-mon-1-c1', 'hand over sup-mon-1-c1 from monitor-mon-1-c1']);
    expect(taken).toEqual(['take c1 by supervisor on sup-mon-1-c1']);
    expect(notices.at(-1)).toMatchObject({ agentId: '8001', mode: 'take-over', supervisorId: 'supervisor' });
    expect(service.list()).toEqual([]);
  });

  it('force-releases a conversation without a session, audited; refuses a call not in conversation', async () => {
    const { service, audit, taken } = setup();
    expect(service.forceRelease('nowhere', supervisor)).toEqual({ ok: false, code: 'CALL_NOT_FOUND' });
    expect(service.forceRelease('c2', supervisor)).toEqual({ ok: false, code: 'CALL_NOT_IN_CONVERSATION' });
    expect(taken).toEqual([]);
    expect(service.forceRelease('c1', supervisor)).toEqual({ ok: true });
    await flush();
    expect(taken).toEqual(['release c1 by supervisor']);
    expect(audit).toEqual([expect.objectContaining({ actor: 'supervisor', role: 'supervisor', action: 'call.force-released', target: 'call:c1', detail: { agentId: '8001' } })]);
  });
});
