// What a started server is made of (tests and tools reach into it) and what its start can be given.
import type { FastifyInstance } from 'fastify';
import type { AmiClient } from '../adapters/ami/index.js';
import type { AriClient } from '../adapters/ari/ari-client.js';
import type { OpenDatabase } from '../adapters/db/open-database.js';
import type { DialplanArrival } from '../app/calls/dialplan-arrival.js';
import type { CompiledMenusInstaller } from '../adapters/dialplan/compiled-menus-installer.js';
import type { FlowRepository } from '../adapters/flows/flow-repository.js';
import type { AgentGateway } from '../adapters/socketio/gateway.js';
import type { LiveCalls } from '../app/calls/live-calls.js';
import type { MonitorHeard } from '../app/monitoring/monitor-service.js';
import type { OutboundService } from '../app/outbound/outbound-service.js';
import type { Acd } from '../app/ports/acd.js';
import type { TelephonyPort } from '../app/ports/telephony.js';
import type { BackOffice } from '../back-office.js';
import type { TextMessageService } from '../app/messages/text-message-service.js';
import type { FollowUpService } from '../app/follow-up/follow-up-service.js';
import type { PbxRole } from '../contract/api/health.js';
import type { PhoneSockets } from '../http/phone-socket.js';
import type { Logger } from '../logging/logger.js';
import type { PbxConnection } from './pbx-resolution.js';
import type { Storage } from './storage.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly callService: LiveCalls;
  /** Outbound task calls: `request()` asks for one, `onOutcome()` hears how each ended. */
  readonly outbound: OutboundService;
  readonly acd: Acd;
  readonly flows: FlowRepository;
  readonly ari: AriClient;
  readonly ami: AmiClient;
  /** The IVR menus compiled into the dialplan (prototype), when HOTLINE_IVR_IN_DIALPLAN is on. */
  readonly compiledMenus: CompiledMenusInstaller | null;
  /** The compiled menus' own arrival (new callers start in them without the server), with them. */
  readonly dialplanArrival: DialplanArrival | null;
  /** Where the data is kept: SQLite (the default) or PostgreSQL, behind the same ports. */
  readonly storage: Storage;
  /** SQLite's handle (tests and tools read the file itself); throws when the data is in PostgreSQL. */
  readonly database: OpenDatabase;
  readonly logger: Logger;
  readonly office: BackOffice;
  /** Text messages (短信): send by template with an idempotency key; stored with their delivery reports. */
  readonly textMessages: TextMessageService;
  /** The follow-up of work orders: sign reminders, 催办 and automatic return visits. */
  readonly followUp: FollowUpService;
  readonly gateway: AgentGateway;
  /** The agents' browser phones on /sip, relayed to Asterisk. */
  readonly phoneSockets: PhoneSockets;
  /** What this server does with its PBX: `running` on a single box; in a cluster, also `standby` until it holds the PBX's lease, and `none` on a web node. */
  readonly pbxState: () => PbxRole;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly logger?: Logger;
  /** Overrides where ARI/AMI are (tests, or `npm start` after bringing up the local PBX). */
  readonly pbx?: PbxConnection;
  /** How long to wait for ARI to answer at start-up before giving up. */
  readonly connectTimeoutMs?: number;
  /** Wraps the telephony port; tests use it to inject faults a real Asterisk cannot be made to show. */
  readonly wrapTelephony?: (port: TelephonyPort) => TelephonyPort;
  /** Told each time a monitoring session's mode heard changes (benchmarks time the changes with it). */
  readonly monitorHeard?: (change: MonitorHeard) => void;
  /** In a cluster, the PBX lease was lost while running its calls (default: stop the process, exit code 75, for its supervisor to start again). */
  readonly pbxLost?: (server: RunningServer) => void;
  /**
   * The clock of the work after the call (the orders' times, reminders, return visits and their calling
   * window): tests move it forward to see 5 minutes pass or a visit wait for the next working morning.
   */
  readonly now?: () => number;
}
