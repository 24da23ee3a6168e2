import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseUsers, usersOfUnknownUnits } from '../../../src/domain/auth/parse-users.js';

const HASH = 'scrypt$16384$8$1$H2zkw5QPLcUO0T74rKHqEA==$bniEQXT7oY2IvCNLMXxuVQ7d3dg7Qwtba7WJ7+WE8BQ=';

const codes = (raw: unknown): { code: string; path: string }[] => {
  const result = parseUsers(raw);
  return result.ok ? [] : result.errors.map(({ code, path }) => ({ code, path }));
};

describe('the users file', () => {
  it('fixtures/users.yaml has 11 users: four agents naming their ACD agent, a supervisor, QA, an admin, three units naming their unit and a knowledge editor', () => {
    const result = parseUsers(parse(fs.readFileSync('fixtures/users.yaml', 'utf8')));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.map(({ id, name, role, agentId, duties, unitId }) => ({ id, name, role, agentId, duties, ...(unitId === undefined ? {} : { unitId }) }))).toEqual([
      { id: '8001', name: '王丽', role: 'agent', agentId: '8001', duties: [] },
      { id: '8002', name: '李强', role: 'agent', agentId: '8002', duties: [] },
      { id: '8003', name: '张敏', role: 'agent', agentId: '8003', duties: [] },
      { id: '8004', name: '陈静', role: 'agent', agentId: '8004', duties: ['return-visits'] },
      { id: 'supervisor', name: '赵班长', role: 'supervisor', agentId: null, duties: [] },
      { id: 'qa', name: '孙质检', role: 'qa', agentId: null, duties: [] },
      { id: 'admin', name: '系统管理员', role: 'admin', agentId: null, duties: [] },
      { id: 'housing', name: '市住建局承办人', role: 'unit', agentId: null, duties: [], unitId: 'housing-bureau' },
      { id: 'urban', name: '市城管局承办人', role: 'unit', agentId: null, duties: [], unitId: 'urban-management' },
      { id: 'dongcheng', name: '东城街道承办人', role: 'unit', agentId: null, duties: [], unitId: 'dongcheng-subdistrict' },
      { id: 'editor', name: '钱知识', role: 'kb-editor', agentId: null, duties: [] },
    ]);
    for (const user of result.value) expect(user.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(new Set(result.value.map((u) => u.passwordHash)).size).toBe(11);
  });

  it('keeps a valid entry as given, and an agentId on a non-agent', () => {
    const result = parseUsers({ users: [{ id: 'ops.lead_1', name: '周', role: 'supervisor', agentId: '8009', duties: [], passwordHash: HASH }] });
    expect(result).toEqual({ ok: true, value: [{ id: 'ops.lead_1', name: '周', role: 'supervisor', agentId: '8009', duties: [], passwordHash: HASH }] });
  });

  it('a unit user names its unit; nobody else names one', () => {
    const result = parseUsers({ users: [{ id: 'housing', name: '住建', role: 'unit', unitId: 'housing-bureau', passwordHash: HASH }] });
    expect(result).toEqual({ ok: true, value: [{ id: 'housing', name: '住建', role: 'unit', agentId: null, duties: [], unitId: 'housing-bureau', passwordHash: HASH }] });
    expect(codes({ users: [{ id: 'u', name: 'n', role: 'unit', passwordHash: HASH }] })).toEqual([{ code: 'USERS_MISSING_FIELD', path: 'users[0].unitId' }]);
    expect(codes({ users: [{ id: 'u', name: 'n', role: 'qa', unitId: 'housing-bureau', passwordHash: HASH }] })).toEqual([{ code: 'USERS_INVALID_FIELD', path: 'users[0].unitId' }]);
  });

  it('unit users of units the dispatch rules do not declare are found (USERS_UNIT_UNKNOWN at start-up)', () => {
    const result = parseUsers({ users: [{ id: 'a', name: 'a', role: 'unit', unitId: 'housing-bureau', passwordHash: HASH }, { id: 'b', name: 'b', role: 'unit', unitId: 'moon-bureau', passwordHash: HASH }, { id: 'c', name: 'c', role: 'qa', passwordHash: HASH }] });
    if (!result.ok) throw new Error('valid file refused');
    expect(usersOfUnknownUnits(result.value, new Set(['housing-bureau'])).map((user) => user.id)).toEqual(['b']);
  });

  it('an empty list is a valid (if useless) file', () => {
    expect(parseUsers({ users: [] })).toEqual({ ok: true, value: [] });
  });

  it('reports every problem at once, with its path', () => {
    const raw = {
      users: [
        { id: '8001', name: 'a', role: 'agent', agentId: '8001', duties: [], passwordHash: HASH },
        { id: '8001', name: 'b', role: 'agent', agentId: '8002', duties: [], passwordHash: HASH },
        { id: 'boss', name: 'c', role: 'manager', passwordHash: HASH },
        { id: 'x', name: 'd', role: 'qa', passwordHash: 'hotline-demo' },
        { id: 'has space', name: 'e', role: 'admin', passwordHash: HASH },
        { id: 'y', name: 'f', role: 'admin', passwordHash: HASH, password: 'hotline-demo' },
        { id: 'z', name: 'g', role: 'agent', passwordHash: HASH },
        { name: 'h', role: 'qa' },
        { id: 'w', name: 'i', role: 'agent', agentId: '8005', duties: ['return-visits', 'dispatch'], passwordHash: HASH },
      ],
    };
    expect(codes(raw)).toEqual([
      { code: 'USERS_DUPLICATE_ID', path: 'users[1].id' },
      { code: 'USERS_INVALID_ROLE', path: 'users[2].role' },
      { code: 'USERS_INVALID_HASH', path: 'users[3].passwordHash' },
      { code: 'USERS_INVALID_ID', path: 'users[4].id' },
      { code: 'USERS_UNKNOWN_FIELD', path: 'users[5].password' },
      { code: 'USERS_MISSING_FIELD', path: 'users[6].agentId' },
      { code: 'USERS_MISSING_FIELD', path: 'users[7].id' },
      { code: 'USERS_MISSING_FIELD', path: 'users[7].passwordHash' },
      { code: 'USERS_INVALID_DUTY', path: 'users[8].duties[1]' },
    ]);
  });

  it('reports each missing required field of an entry', () => {
    expect(codes({ users: [{}] })).toEqual([
      { code: 'USERS_MISSING_FIELD', path: 'users[0].id' },
      { code: 'USERS_MISSING_FIELD', path: 'users[0].role' },
      { code: 'USERS_MISSING_FIELD', path: 'users[0].passwordHash' },
      { code: 'USERS_MISSING_FIELD', path: 'users[0].name' },
    ]);
  });

  it.each(['a'.repeat(65), 'ä', 'a/b', 'a@b'])('refuses the id %j', (id) => {
    expect(codes({ users: [{ id, name: 'n', role: 'qa', passwordHash: HASH }] })).toEqual([{ code: 'USERS_INVALID_ID', path: 'users[0].id' }]);
  });

  it.each([
    'scrypt$16384$8$1$salt',
    'bcrypt$16384$8$1$H2zkw5QPLcUO0T74rKHqEA==$bniE',
    'scrypt$N$8$1$H2zkw5QPLcUO0T74rKHqEA==$bniE',
    '$2b$10$abcdefghijklmnopqrstuv',
  ])('refuses the password hash %j', (passwordHash) => {
    expect(codes({ users: [{ id: 'u', name: 'n', role: 'qa', passwordHash }] })).toEqual([{ code: 'USERS_INVALID_HASH', path: 'users[0].passwordHash' }]);
  });

  it('refuses unknown fields at the top and in an entry, and a file that is not a user list', () => {
    expect(codes({ users: [], admins: [] })).toEqual([{ code: 'USERS_UNKNOWN_FIELD', path: 'admins' }]);
    expect(codes(null)).toEqual([{ code: 'USERS_INVALID_FIELD', path: '' }]);
    expect(codes({})).toEqual([{ code: 'USERS_INVALID_FIELD', path: 'users' }]);
    expect(codes({ users: ['8001'] })).toEqual([{ code: 'USERS_INVALID_FIELD', path: 'users[0]' }]);
    expect(codes({ users: [{ id: 8001, name: 'n', role: 'qa', passwordHash: HASH }] })).toEqual([{ code: 'USERS_INVALID_FIELD', path: 'users[0].id' }]);
  });
});
