// The Socket.IO side of the server: agents and supervisors sign in with their token in the
// handshake, join their rooms (one per agent, one for supervisors), get the screen pop while their
// phone rings, call events and state changes, and the wallboard. Every message a client sends is
// checked before it is used; a bad one gets a SOCKET_MESSAGE_INVALID answer and changes nothing.
import type { HelpRequest, HelpRequests } from '../../app/monitoring/help-requests.js';
import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { Acd, AcdAnswer } from '../../app/ports/acd.js';
import type { AuthService } from '../../app/auth-service.js';
import type { AgentCallEvent } from '../../domain/calls/call-protocol.js';
import type { LiveCalls } from '../../app/calls/live-calls.js';
import { buildScreenPop, type PopSources } from '../../app/screen-pop.js';
import type { AuthUser } from '../../domain/auth/roles.js';
import { maskPhone } from '../../domain/privacy/mask-phone.js';
import type { Logger } from '../../logging/logger.js';
import type { TicketRow } from '../../app/ports/ticket-records.js';
import { agentRoom, SUPERVISORS_ROOM, type Ack, type CallEnded, type ClientToServer, type MonitorChanged, type ScreenPop, type ServerToClient, type SyncState, type WallboardSnapshot } from '../../contract/socket-events.js';
import type { HotspotView } from '../../contract/api/hotspots.js';
import { SYSTEM_PAUSE_REASONS } from '../../contract/vocabulary.js';
import { HTTP_ERRORS, type SocketErrorCode } from '../../contract/api/error-codes.js';
import type { SharedDesks } from './shared-desks.js';
import { agentView, wallboardSnapshot } from './wallboard-view.js';

export interface GatewayDeps {
  readonly auth: AuthService;
  readonly acd: Acd;
  readonly calls: Pick<LiveCalls, 'onAgentEvent' | 'onTicket'>;
  readonly pop: PopSources;
  readonly warnings: () => Promise<WallboardSnapshot['warnings']>;
  /** Whether new callers reach the server or are shed to the dialplan (overload protection). */
  readonly admission: () => WallboardSnapshot['admission'];
  /** 举手: the raised hands the wallboard lists. */
  readonly help: HelpRequests;
  readonly logger: Logger;
  readonly now: () => number;
  /**
   * Several servers (a cluster): Socket.IO's adapter carries what only the server running a call
   * knows (its pop, its answer and end) to the agent's desktop wherever it is connected, and the desks
   * are copied for the other servers' `state:sync`. What every server hears (agents' states, the
   * wallboard's figures) each server sends to its own clients only.
   */
  readonly cluster?: { readonly adapter: ServerOptions['adapter']; readonly desks: SharedDesks };
}

/** What the servers of a cluster tell each other through the adapter: a hand raised or lowered on one of them. */
interface BetweenServers {
  'help:mirror': (change: { readonly agentId: string; readonly request: HelpRequest | null }) => void;
}

type HotlineSocket = Socket<ClientToServer, ServerToClient, BetweenServers, { user: AuthUser }>;

const PAUSE_REASON = /^[a-z][a-z_]{0,31}$/;
const SYSTEM_REASONS: ReadonlySet<string> = new Set(SYSTEM_PAUSE_REASONS);
const invalid: Ack = { ok: false, code: 'SOCKET_MESSAGE_INVALID' satisfies SocketErrorCode, message: 'The message does not follow the contract' };

export class AgentGateway {
  readonly io: Server<ClientToServer, ServerToClient, BetweenServers, { user: AuthUser }>;
  private readonly pops = new Map<string, ScreenPop>();
  /** The last call's end and ticket, kept while the agent wraps up (a reload shows the form again). */
  private readonly ended = new Map<string, CallEnded>();
  private readonly since = new Map<string, number>();
  private readonly started: number;
  private wallboardDirty = true;
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: (() => void)[] = [];
  /** Per agent, what is still to be sent to them behind a screen pop being read from the database. */
  private readonly inTurnFor = new Map<string, Promise<void>>();
  /** The call each agent's screen pop is being read for. */
  private readonly popsBeingRead = new Map<string, string>();

  constructor(server: HttpServer, private readonly deps: GatewayDeps) {
    this.started = deps.now();
    // Upgrades to other paths (the /sip phone socket, unknown ones) are answered by http/phone-socket.ts, not cut off after a second.
    // A heartbeat every 5 s, 5 s to answer: a desktop whose web node hangs or drops off the network learns
    // it within 10 s and reconnects through another (the ringing call's pop comes back with state:sync).
    this.io = new Server(server, {
      serveClient: false, maxHttpBufferSize: 64 * 1024, pingInterval: 5_000, pingTimeout: 5_000, destroyUpgrade: false,
      ...(deps.cluster ? { adapter: deps.cluster.adapter } : {}),
    });
    this.io.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      if (typeof token !== 'string') return next(new Error('AUTH_REQUIRED'));
      deps.auth.userForToken(token).then(
        (user) => {
          if (!user) return next(new Error('AUTH_REQUIRED'));
          socket.data.user = user;
          next();
        },
        (error: unknown) => {
          // The sign-in could not be checked (database): the client is refused and may try again.
          deps.logger.error({ err: error }, 'socket sign-in could not be checked');
          next(new Error('AUTH_REQUIRED'));
        },
      );
    });
    this.io.on('connection', (socket) => this.connected(socket));
    this.unsubscribe.push(
      deps.calls.onAgentEvent((event) => this.agentCallEvent(event)),
      deps.calls.onTicket((ticket) => this.ticketOpened(ticket)),
      deps.acd.onAgentState((change) => {
        this.since.set(change.agentId, change.at);
        const view = agentView(deps.acd, change.agentId, change.at);
        if (change.state !== 'on_call') deps.help.lower(change.agentId);
        this.inTurn(change.agentId, () => {
          if (change.state === 'available' || change.state === 'paused' || change.state === 'logged_out') this.clearDesk(change.agentId);
          // Every server hears the change: each tells its own clients.
          if (view) this.io.local.to(agentRoom(change.agentId)).emit('agent:state', view);
        });
      }),
      deps.acd.onChange(() => {
        this.wallboardDirty = true;
      }),
      deps.help.onChange(({ agentId, request, here }) => {
        this.wallboardDirty = true;
        // The agent's own desktop shows the hand as it is (lowered when a supervisor came, or the call
        // ended): each server tells its own clients, as every copy of the hands changes.
        this.io.local.to(agentRoom(agentId)).emit('help:changed', { raised: request !== null });
        // The other servers' copies: their wallboards list the hand, and a supervisor monitoring the
        // call from the server running it lowers it everywhere.
        if (here && deps.cluster) this.io.serverSideEmit('help:mirror', { agentId, request });
      }),
    );
    if (deps.cluster) {
      this.io.on('help:mirror', (change: unknown) => {
        const checked = helpChangeOf(change);
        if (checked) deps.help.mirror(checked.agentId, checked.request);
        else deps.logger.warn({ code: 'SOCKET_MESSAGE_INVALID' }, "another server's raised hand does not follow the contract; ignored");
      });
    }
    // At most once a second, and only when something changed (or every 5 s for the waiting times).
    let quiet = 0;
    let admission = '';
    this.timer = setInterval(() => {
      quiet += 1;
      // Supervisors see a shed at once: it is the moment their centre is past its capacity.
      const mode = deps.admission().mode;
      if (mode !== admission) this.wallboardDirty = true;
      admission = mode;
      if (!this.wallboardDirty && quiet < 5) return;
      this.wallboardDirty = false;
      quiet = 0;
      if (!this.io.sockets.adapter.rooms.get(SUPERVISORS_ROOM)?.size) return;
      this.snapshot().then(
        (snapshot) => this.io.local.to(SUPERVISORS_ROOM).emit('wallboard', snapshot),
        (error: unknown) => deps.logger.error({ err: error }, 'wallboard not sent'),
      );
    }, 1000);
    this.timer.unref();
  }

  /**
   * Ends every client connection so the HTTP server can close (an upgraded socket would hold it
   * open); the HTTP server itself is Fastify's to close.
   */
  disconnectAll(): void {
    clearInterval(this.timer);
    for (const off of this.unsubscribe.splice(0)) off();
    // This server's clients only: through a cluster's adapter a plain disconnectSockets reaches every
    // server, and one server stopping would drop every desktop of the centre.
    this.io.local.disconnectSockets(true);
    this.io.engine.close();
    // A cluster's adapter stops reading Redis (the single box's in-memory adapter has nothing to stop).
    void this.io.of('/').adapter.close();
  }

  /** A supervisor on the agent's call: the banner their desktop shows (every server tells its own clients). */
  monitorChanged(event: MonitorChanged): void {
    this.io.to(agentRoom(event.agentId)).emit('monitor:changed', event);
  }

  /** A hotspot warning raised, refreshed or stepped: to every supervisor, through a cluster's adapter on every server. */
  hotspotChanged(view: HotspotView): void {
    this.io.to(SUPERVISORS_ROOM).emit('hotspot:changed', view);
  }

  currentPop(agentId: string): ScreenPop | null {
    return this.pops.get(agentId) ?? null;
  }

  private async snapshot(): Promise<WallboardSnapshot> {
    const warnings = await this.deps.warnings();
    const help = this.deps.help.list().map((request) => ({ ...request, raisedAt: new Date(request.raisedAt).toISOString() }));
    return { ...wallboardSnapshot(this.deps.acd, (id) => this.since.get(id) ?? this.started, warnings, this.deps.now()), admission: this.deps.admission(), help };
  }

  /**
   * Runs `step` for the agent after what is still queued for them (a screen pop being read), so an
   * agent hears of a call in the order things happened; at once when nothing is queued.
   */
  private inTurn(agentId: string, step: () => void | Promise<void>): void {
    const before = this.inTurnFor.get(agentId);
    if (!before) {
      const result = step();
      if (!result) return;
      return this.queueFor(agentId, result);
    }
    this.queueFor(agentId, before.then(step));
  }

  private queueFor(agentId: string, work: Promise<void>): void {
    const settled = work.catch((error: unknown) => this.deps.logger.error({ err: error, agentId }, 'agent message not sent'));
    this.inTurnFor.set(agentId, settled);
    void settled.then(() => {
      if (this.inTurnFor.get(agentId) === settled) this.inTurnFor.delete(agentId);
    });
  }

  private connected(socket: HotlineSocket): void {
    const user = socket.data.user;
    if (user.agentId !== null) void socket.join(agentRoom(user.agentId));
    if (user.role === 'supervisor' || user.role === 'admin') void socket.join(SUPERVISORS_ROOM);
    const log = this.deps.logger.child({ component: 'socket', user: user.id });
    log.debug('client connected');
    socket.on('agent:ready', (ack: unknown) => this.agentAction(user, ack, (id) => this.ready(id)));
    socket.on('agent:logout', (ack: unknown) => this.agentAction(user, ack, (id) => this.deps.acd.logout(id)));
    socket.on('agent:pause', (body: unknown, ack: unknown) => {
      const reason = (body as { reason?: unknown } | null)?.reason;
      if (typeof reason !== 'string' || !PAUSE_REASON.test(reason) || SYSTEM_REASONS.has(reason)) return reply(ack, invalid);
      this.agentAction(user, ack, (id) => this.deps.acd.pause(id, reason));
    });
    socket.on('help:raise', (ack: unknown) => this.helpAsked(user, ack, true));
    socket.on('help:lower', (ack: unknown) => this.helpAsked(user, ack, false));
    socket.on('state:sync', (ack: unknown) => {
      if (typeof ack !== 'function') return;
      const agentId = user.agentId;
      this.deskOf(agentId).then(
        (desk) => (ack as (s: SyncState) => void)({ agent: agentId === null ? null : agentView(this.deps.acd, agentId, this.since.get(agentId) ?? this.started), ...desk }),
        (error: unknown) => log.error({ err: error }, 'state not sent'),
      );
    });
    socket.on('wallboard:sync', (ack: unknown) => {
      if (typeof ack !== 'function') return;
      const answer = ack as (s: WallboardSnapshot | null) => void;
      if (user.role !== 'supervisor' && user.role !== 'admin') return answer(null);
      this.snapshot().then(answer, (error: unknown) => log.error({ err: error }, 'wallboard not sent'));
    });
  }

  /** 举手: only an agent talking on a call raises a hand (for that call). */
  private helpAsked(user: AuthUser, ack: unknown, raise: boolean): void {
    if (typeof ack !== 'function') return;
    const agent = user.agentId === null ? undefined : this.deps.acd.agentState(user.agentId);
    if (!agent || user.agentId === null) return reply(ack, { ok: false, code: 'AUTH_FORBIDDEN', message: 'Only agents ask for help' });
    if (!raise) {
      this.deps.help.lower(user.agentId);
      return reply(ack, { ok: true });
    }
    if (agent.state !== 'on_call' || agent.callId === null) return reply(ack, { ok: false, code: 'CALL_NOT_IN_CONVERSATION', message: HTTP_ERRORS.CALL_NOT_IN_CONVERSATION.message });
    this.deps.help.raise(user.agentId, agent.callId, this.deps.now());
    reply(ack, { ok: true });
  }

  /** Ready: log in when logged out, resume when paused. */
  private ready(agentId: string): Promise<AcdAnswer> {
    const state = this.deps.acd.agentState(agentId)?.state ?? 'logged_out';
    return state === 'logged_out' ? this.deps.acd.login(agentId) : this.deps.acd.resume(agentId);
  }

  private agentAction(user: AuthUser, ack: unknown, action: (agentId: string) => Promise<AcdAnswer>): void {
    if (typeof ack !== 'function') return;
    if (user.agentId === null) return reply(ack, { ok: false, code: 'AUTH_FORBIDDEN', message: 'Only agents have a state' });
    void action(user.agentId).then((refused) => {
      const message = Object.hasOwn(HTTP_ERRORS, refused ?? '') ? HTTP_ERRORS[refused as keyof typeof HTTP_ERRORS].message : 'The agent is not in a state that allows this';
      reply(ack, refused === null ? { ok: true } : { ok: false, code: refused, message });
    });
  }

  private agentCallEvent(event: AgentCallEvent): void {
    this.inTurn(event.agentId, () => (event.kind === 'offered' ? this.offered(event) : this.callMoved(event)));
  }

  /** The pop reads the caller's past from the database: the agent's later events wait for it (inTurn). */
  private async offered(event: AgentCallEvent & { kind: 'offered' }): Promise<void> {
    this.popsBeingRead.set(event.agentId, event.call.callId);
    const pop = await buildScreenPop(event.call, event.agentId, event.at, this.deps.pop).finally(() => this.popsBeingRead.delete(event.agentId));
    this.pops.set(event.agentId, pop);
    this.shareDesk(event.agentId);
    this.deps.logger.info({ callId: pop.callId, agentId: event.agentId, caller: maskPhone(pop.caller.number), history: pop.history.length }, 'screen pop sent');
    this.io.to(agentRoom(event.agentId)).emit('pop', pop);
  }

  private callMoved(event: Exclude<AgentCallEvent, { kind: 'offered' }>): void {
    const room = this.io.to(agentRoom(event.agentId));
    if (event.kind === 'answered') room.emit('call:answered', { callId: event.callId, agentId: event.agentId, at: new Date(event.at).toISOString() });
    const before = this.pops.size + this.ended.size;
    if (event.kind === 'withdrawn' && this.pops.get(event.agentId)?.callId === event.callId) this.pops.delete(event.agentId);
    if (event.kind !== 'withdrawn') this.ended.delete(event.agentId);
    if (this.pops.size + this.ended.size !== before) this.shareDesk(event.agentId);
  }

  /** The agent is free again: nothing of a call is shown (shared only by the server that had something). */
  private clearDesk(agentId: string): void {
    const had = this.pops.delete(agentId);
    if (this.ended.delete(agentId) || had) this.shareDesk(agentId);
  }

  /** This server's view of the agent's desk, copied for the others (a cluster). */
  private shareDesk(agentId: string): void {
    const desks = this.deps.cluster?.desks;
    if (!desks) return;
    const pop = this.pops.get(agentId) ?? null;
    const ended = this.ended.get(agentId) ?? null;
    desks.save(agentId, pop === null && ended === null ? null : { pop, ended }).catch((error: unknown) => this.deps.logger.warn({ err: error, agentId }, "the agent's desk was not shared; another server's state:sync will miss it"));
  }

  /** What the agent's desktop shows: this server's, or the copy of the server running the agent's call. */
  private async deskOf(agentId: string | null): Promise<Pick<SyncState, 'pop' | 'ended'>> {
    if (agentId === null) return { pop: null, ended: null };
    const pop = this.currentPop(agentId);
    const ended = this.ended.get(agentId) ?? null;
    if (pop !== null || ended !== null || !this.deps.cluster) return { pop, ended };
    return (await this.deps.cluster.desks.read(agentId)) ?? { pop: null, ended: null };
  }

  /** The work order exists: told once this call's pops being read are out (the agents to tell are those with its pop). */
  private ticketOpened(ticket: TicketRow): void {
    const reading = [...this.popsBeingRead].filter(([, callId]) => callId === ticket.callId).map(([agentId]) => this.inTurnFor.get(agentId));
    if (reading.length === 0) return this.tellTicket(ticket);
    void Promise.all(reading).then(() => this.tellTicket(ticket));
  }

  /** The agent who took the call (or whose phone was ringing) files on it. */
  private tellTicket(ticket: TicketRow): void {
    const agents = new Set<string>(ticket.agentId ? [ticket.agentId] : []);
    for (const [agentId, pop] of this.pops) if (pop.callId === ticket.callId) agents.add(agentId);
    for (const agentId of agents) {
      const ours = ticket.agentId === agentId;
      const event: CallEnded = {
        callId: ticket.callId,
        agentId,
        at: new Date(ticket.callEndedAt).toISOString(),
        ticketId: ours ? ticket.id : null,
        ticketNumber: ours ? ticket.number : null,
        ticketVersion: ours ? ticket.version : null,
      };
      this.io.to(agentRoom(agentId)).emit('call:ended', event);
      if (ours) this.ended.set(agentId, event);
      else this.pops.delete(agentId);
      this.shareDesk(agentId);
    }
  }
}

function reply(ack: unknown, result: Ack): void {
  if (typeof ack === 'function') (ack as (r: Ack) => void)(result);
}

/** A hand raised or lowered on another server, as it crossed Redis: checked before it is kept. */
function helpChangeOf(change: unknown): { agentId: string; request: HelpRequest | null } | null {
  if (typeof change !== 'object' || change === null) return null;
  const { agentId, request } = change as { agentId?: unknown; request?: unknown };
  if (typeof agentId !== 'string' || agentId === '') return null;
  if (request === null) return { agentId, request: null };
  if (typeof request !== 'object' || request === undefined) return null;
  const { callId, raisedAt } = request as { callId?: unknown; raisedAt?: unknown };
  return typeof callId === 'string' && callId !== '' && typeof raisedAt === 'number' ? { agentId, request: { agentId, callId, raisedAt } } : null;
}
