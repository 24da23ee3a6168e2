// The permission table's decisions, and the README showing exactly the table the code has.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { permits, relationsToAgent, relationsToCall, relationsToTicket, rolesFor } from '../../../src/domain/auth/permissions.js';
import type { AuthUser } from '../../../src/domain/auth/roles.js';
import { permissionMarkdown } from '../../helpers/permission-markdown.js';

const agent = (id: string, duties: AuthUser['duties'] = []): AuthUser => ({ id, name: id, role: 'agent', agentId: id, duties });
const SUPERVISOR: AuthUser = { id: 'sup', name: 'sup', role: 'supervisor', agentId: null, duties: [] };
const QA: AuthUser = { id: 'qa', name: 'qa', role: 'qa', agentId: null, duties: [] };
const ADMIN: AuthUser = { id: 'admin', name: 'admin', role: 'admin', agentId: null, duties: [] };
const unit = (unitId: string): AuthUser => ({ id: unitId, name: unitId, role: 'unit', agentId: null, duties: [], unitId });
const DISPATCHED = { agentId: '8001', filedBy: '8001', mainUnit: 'housing-bureau', assistingUnits: ['dongcheng-subdistrict'] };

describe('relations', () => {
  it('to a ticket: who took the call, a missed call nobody took up, and who took it up by filing it', () => {
    expect([...relationsToTicket({ agentId: '8001', filedBy: '8001' }, agent('8001'))]).toEqual(['took-call']);
    expect([...relationsToTicket({ agentId: '8001', filedBy: '8001' }, agent('8002'))]).toEqual(['other']);
    expect([...relationsToTicket({ agentId: null, filedBy: null }, agent('8002'))]).toEqual(['missed-call']);
    expect([...relationsToTicket({ agentId: null, filedBy: '8002' }, agent('8002'))]).toEqual(['took-call']);
    expect([...relationsToTicket({ agentId: null, filedBy: '8002' }, agent('8003'))]).toEqual(['other']);
    expect([...relationsToTicket({ agentId: '8001', filedBy: '8001' }, agent('8004', ['return-visits']))]).toEqual(['return-visit-list']);
  });

  it('to a live call and to an agent', () => {
    expect([...relationsToCall('8001', agent('8001'))]).toEqual(['took-call']);
    expect([...relationsToCall(null, agent('8001'))]).toEqual(['other']);
    expect([...relationsToCall(null, SUPERVISOR)]).toEqual(['other']);
    expect([...relationsToAgent('8001', agent('8001'))]).toEqual(['self']);
  });
});

describe('decisions', () => {
  const own = { agentId: '8001', filedBy: '8001' };
  const others = { agentId: '8002', filedBy: '8002' };
  const may = (action: Parameters<typeof permits>[0], user: AuthUser, ticket: { agentId: string | null; filedBy: string | null }) => permits(action, user, relationsToTicket(ticket, user));

  it('dispatching is the agent who took the call or a supervisor', () => {
    expect([may('ticket.dispatch', agent('8001'), own), may('ticket.dispatch', agent('8001'), others), may('ticket.dispatch', SUPERVISOR, others), may('ticket.dispatch', QA, own)]).toEqual([true, false, true, false]);
  });

  it('the return visit is made by supervisors or by agents working the return-visit list, not by whoever took the call', () => {
    expect([may('ticket.rate', agent('8001'), own), may('ticket.rate', agent('8004', ['return-visits']), others), may('ticket.rate', SUPERVISOR, own), may('ticket.rate', QA, own)]).toEqual([false, true, true, false]);
  });

  it('a missed call is any agent’s to take up, until one files it', () => {
    expect(may('ticket.file', agent('8003'), { agentId: null, filedBy: null })).toBe(true);
    expect(may('ticket.file', agent('8003'), { agentId: null, filedBy: '8002' })).toBe(false);
  });

  it('admin may do everything; routes let in the roles with some grant', () => {
    expect(may('ticket.feedback', ADMIN, own)).toBe(true);
    expect(rolesFor('audit.read')).toEqual(['qa']);
    expect(rolesFor('ticket.dispatch')).toEqual(['agent', 'supervisor']);
  });
});

describe('units', () => {
  it('stand to an order as its main unit, an assisting unit, or not at all', () => {
    expect([...relationsToTicket(DISPATCHED, unit('housing-bureau'))]).toEqual(['main-unit']);
    expect([...relationsToTicket(DISPATCHED, unit('dongcheng-subdistrict'))]).toEqual(['assisting-unit']);
    expect([...relationsToTicket(DISPATCHED, unit('urban-management'))]).toEqual(['other']);
    // Nobody else becomes a unit of it by having no unit.
    expect([...relationsToTicket({ ...DISPATCHED, mainUnit: null }, SUPERVISOR)]).toEqual(['other']);
  });

  it('read and report on their own orders; only the main unit signs and asks; no unit decides or reads the hotline’s views', () => {
    const may = (action: Parameters<typeof permits>[0], who: AuthUser) => permits(action, who, relationsToTicket(DISPATCHED, who));
    const [main, assisting, stranger] = [unit('housing-bureau'), unit('dongcheng-subdistrict'), unit('urban-management')];
    expect([main, assisting, stranger].map((who) => may('unit.orders', who))).toEqual([true, true, false]);
    expect([main, assisting, stranger].map((who) => may('ticket.feedback', who))).toEqual([true, true, false]);
    expect([main, assisting, stranger].map((who) => may('ticket.sign', who))).toEqual([true, false, false]);
    expect([main, assisting, stranger].map((who) => may('ticket.unit-request', who))).toEqual([true, false, false]);
    for (const action of ['ticket.decide', 'ticket.read', 'recording.play', 'call.read', 'agent.read', 'qa.review', 'report.read', 'audit.read'] as const) expect(may(action, main), action).toBe(false);
    expect([may('ticket.decide', SUPERVISOR), may('ticket.sign', SUPERVISOR), may('ticket.unit-request', SUPERVISOR)]).toEqual([true, true, false]);
  });
});

describe('the README', () => {
  it('shows the permission table the code has', () => {
    expect(fs.readFileSync('README.md', 'utf8')).toContain(permissionMarkdown());
  });
});
