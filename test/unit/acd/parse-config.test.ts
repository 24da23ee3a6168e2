import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ConfigError, ParseResult } from '../../../src/domain/acd/acd-config.js';
import { parseAgents } from '../../../src/domain/acd/parse-agents.js';
import { parseQueues } from '../../../src/domain/acd/parse-queues.js';

const fixture = (name: string): unknown => parse(fs.readFileSync(path.join('fixtures', name), 'utf8'));

function errors<T>(result: ParseResult<T>): Pick<ConfigError, 'code' | 'path'>[] {
  if (result.ok) throw new Error('expected errors');
  return result.errors.map(({ code, path }) => ({ code, path }));
}

const minimalQueue = { id: 'general', name: '普通', skills: ['general'] };

describe('queue file', () => {
  it('fixtures/queues.yaml parses without errors into the four queues', () => {
    const result = parseQueues(fixture('queues.yaml'));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const byId = new Map(result.value.queues.map((q) => [q.id, q]));
    expect([...byId.keys()]).toEqual(['general', 'elderly', 'enterprise', 'lang-en']);
    expect(byId.get('elderly')).toMatchObject({ name: '爱心专席', priorityClass: 'elderly', skills: ['elderly'], secondChoice: 'general', overflow: { afterSeconds: null, to: 'general' } });
    expect(byId.get('enterprise')).toMatchObject({ name: '企业服务专席', skills: ['enterprise'], secondChoice: null, overflow: { afterSeconds: 120, to: 'general' } });
    expect(byId.get('lang-en')).toMatchObject({ name: '外语专席', skills: ['lang-en'], secondChoice: null, overflow: null });
    expect(result.value.settings.priorityBoostSeconds).toEqual({ elderly: 300, enterprise: 120, general: 0 });
  });

  it('fills defaults: 15 s service level, 5 s short abandon, no second choice, no overflow, no callback', () => {
    const result = parseQueues({ queues: [minimalQueue] });
    expect(result.ok && result.value.queues[0]).toMatchObject({
      priorityClass: 'general', serviceLevelSeconds: 15, shortAbandonSeconds: 5, secondChoice: null, overflow: null, callback: null, wrapUpEndsOnTicket: true,
    });
    expect(result.ok && result.value.settings.priorityBoostSeconds).toEqual({ elderly: 300, enterprise: 120, general: 0 });
  });

  it('QUEUE_DUPLICATE_ID names the second definition', () => {
    expect(errors(parseQueues({ queues: [minimalQueue, minimalQueue] }))).toEqual([{ code: 'QUEUE_DUPLICATE_ID', path: 'queues[1].id' }]);
  });

  it('QUEUE_UNKNOWN_OVERFLOW_TARGET', () => {
    const q = { ...minimalQueue, overflow: { afterSeconds: 30, to: 'nowhere' } };
    expect(errors(parseQueues({ queues: [q] }))).toEqual([{ code: 'QUEUE_UNKNOWN_OVERFLOW_TARGET', path: 'queues[0].overflow.to' }]);
  });

  it('QUEUE_UNKNOWN_SECOND_CHOICE, QUEUE_SECOND_CHOICE_SELF and QUEUE_INVALID_FIELD for a bad second choice', () => {
    const general = { ...minimalQueue };
    const a = { ...minimalQueue, id: 'a', secondChoice: 'nowhere' };
    const b = { ...minimalQueue, id: 'b', secondChoice: 'b' };
    const c = { ...minimalQueue, id: 'c', secondChoice: ['general'] };
    expect(errors(parseQueues({ queues: [general, a, b, c] }))).toEqual([
      { code: 'QUEUE_INVALID_FIELD', path: 'queues[3].secondChoice' },
      { code: 'QUEUE_UNKNOWN_SECOND_CHOICE', path: 'queues[1].secondChoice' },
      { code: 'QUEUE_SECOND_CHOICE_SELF', path: 'queues[2].secondChoice' },
    ]);
  });

  it('a second choice may be null (none), and is not followed further: two queues may name each other', () => {
    const a = { ...minimalQueue, id: 'a', secondChoice: 'b' };
    const b = { ...minimalQueue, id: 'b', secondChoice: 'a' };
    const none = { ...minimalQueue, id: 'n', secondChoice: null };
    const result = parseQueues({ queues: [a, b, none] });
    expect(result.ok && result.value.queues.map((q) => q.secondChoice)).toEqual(['b', 'a', null]);
  });

  it('QUEUE_OVERFLOW_CYCLE for queues that overflow into each other', () => {
    const a = { ...minimalQueue, id: 'a', overflow: { afterSeconds: 30, to: 'b' } };
    const b = { ...minimalQueue, id: 'b', overflow: { afterSeconds: 30, to: 'a' } };
    expect(errors(parseQueues({ queues: [a, b] })).map((e) => e.code)).toEqual(['QUEUE_OVERFLOW_CYCLE', 'QUEUE_OVERFLOW_CYCLE']);
  });

  it('QUEUE_INVALID_FIELD with the path of each bad field, all reported at once', () => {
    const q = { ...minimalQueue, serviceLevelSeconds: -1, wrapUpEndsOnTicket: 'yes', skills: 'general', callback: { maxAttempts: 0 } };
    expect(errors(parseQueues({ queues: [q] }))).toEqual([
      { code: 'QUEUE_INVALID_FIELD', path: 'queues[0].skills' },
      { code: 'QUEUE_INVALID_FIELD', path: 'queues[0].serviceLevelSeconds' },
      { code: 'QUEUE_INVALID_FIELD', path: 'queues[0].wrapUpEndsOnTicket' },
      { code: 'QUEUE_INVALID_FIELD', path: 'queues[0].callback.maxAttempts' },
    ]);
  });

  it('QUEUE_MISSING_FIELD, QUEUE_UNKNOWN_FIELD and QUEUE_UNKNOWN_PRIORITY_CLASS', () => {
    const q = { id: 'general', skills: [], priorityClass: 'vip', maxWiat: 10 };
    expect(errors(parseQueues({ queues: [q] }))).toEqual([
      { code: 'QUEUE_UNKNOWN_FIELD', path: 'queues[0].maxWiat' },
      { code: 'QUEUE_MISSING_FIELD', path: 'queues[0].name' },
      { code: 'QUEUE_UNKNOWN_PRIORITY_CLASS', path: 'queues[0].priorityClass' },
    ]);
  });

  it('rejects a file that is not an object or has no queue list', () => {
    expect(errors(parseQueues('queues'))).toEqual([{ code: 'QUEUE_INVALID_FIELD', path: '' }]);
    expect(errors(parseQueues({}))).toEqual([{ code: 'QUEUE_INVALID_FIELD', path: 'queues' }]);
  });

  it('takes configured priority classes instead of the defaults', () => {
    const result = parseQueues({ priorityClasses: { vip: 600, general: 0 }, queues: [{ ...minimalQueue, priorityClass: 'vip' }] });
    expect(result.ok && result.value.settings.priorityBoostSeconds).toEqual({ vip: 600, general: 0 });
    expect(errors(parseQueues({ priorityClasses: { vip: 600 }, queues: [minimalQueue] }))).toEqual([
      { code: 'QUEUE_UNKNOWN_PRIORITY_CLASS', path: 'queues[0].priorityClass' },
    ]);
  });
});

describe('agent file', () => {
  const queueIds = ['general', 'elderly', 'enterprise', 'lang-en'];

  it('fixtures/agents.yaml parses, ids stay strings, phones default to agent-<id>', () => {
    const result = parseAgents(fixture('agents.yaml'), queueIds);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.map((a) => a.id)).toEqual(['8001', '8002', '8003', '8004']);
    expect(result.value[1]).toMatchObject({ phone: 'agent-8002', skills: { general: 2, enterprise: 3 }, queues: null });
    expect(result.value[3]).toMatchObject({ skills: { enterprise: 2, 'lang-en': 3 }, queues: ['enterprise', 'lang-en'] });
  });

  it('AGENT_DUPLICATE_ID, AGENT_INVALID_FIELD (level 4, numeric id), AGENT_UNKNOWN_QUEUE', () => {
    const raw = {
      agents: [
        { id: '8001', name: 'a', skills: { general: 4 } },
        { id: '8001', name: 'b', skills: {}, queues: ['vip'] },
        { id: 8003, name: 'c', skills: {} },
      ],
    };
    expect(errors(parseAgents(raw, queueIds))).toEqual([
      { code: 'AGENT_INVALID_FIELD', path: 'agents[0].skills.general' },
      { code: 'AGENT_UNKNOWN_QUEUE', path: 'agents[1].queues[0]' },
      { code: 'AGENT_INVALID_FIELD', path: 'agents[2].id' },
      { code: 'AGENT_DUPLICATE_ID', path: 'agents[1].id' },
    ]);
  });

  it("AGENT_INVALID_FIELD for a skill named agent:<id>, the reserved skill of a transfer to a named agent", () => {
    const raw = { agents: [{ id: '8001', name: 'a', skills: { general: 2, 'agent:8002': 1 } }] };
    expect(errors(parseAgents(raw, queueIds))).toEqual([{ code: 'AGENT_INVALID_FIELD', path: 'agents[0].skills.agent:8002' }]);
  });
});
