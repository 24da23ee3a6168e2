// What the local cluster is made of: its two Asterisk instances, its five servers with their roles
// and the HOTLINE_* settings each is started with. Pure, so the plan can be read and checked apart
// from the processes.
import type { LocalPbxSettings } from '../config.js';

export type NodeRole = 'worker' | 'standby' | 'web';
/** What a node's /health says about its PBX once it is up: web nodes hold none. */
export type ExpectedPbx = 'running' | 'standby' | 'none';

export const CLUSTER_PBX_IDS = ['pbx-1', 'pbx-2'] as const;
export type ClusterPbxId = (typeof CLUSTER_PBX_IDS)[number];

export interface PbxPorts {
  readonly ari: number;
  readonly ami: number;
  readonly sip: number;
  readonly rtpStart: number;
}

export interface ClusterPorts {
  readonly postgres: number;
  readonly redis: number;
  /** pbx-1's and pbx-2's. */
  readonly pbx: readonly [PbxPorts, PbxPorts];
  readonly http: Readonly<Record<NodeName, number>>;
}

export const NODE_NAMES = ['worker-1', 'worker-2', 'standby', 'web-1', 'web-2'] as const;
export type NodeName = (typeof NODE_NAMES)[number];

/** The ports of `npm run cluster`: beside `npm start`'s (3000, 8088, 5038, 5060, 20000) and the tests' (18088…). */
export const DEFAULT_PORTS: ClusterPorts = {
  postgres: 15432,
  redis: 16379,
  pbx: [
    { ari: 8188, ami: 5138, sip: 5160, rtpStart: 22000 },
    { ari: 8288, ami: 5238, sip: 5260, rtpStart: 24000 },
  ],
  http: { 'web-1': 3100, 'web-2': 3101, 'worker-1': 3111, 'worker-2': 3112, standby: 3113 },
};

export interface NodePlan {
  readonly name: NodeName;
  readonly role: NodeRole;
  /** The PBX it runs or stands by for; null for a web node. */
  readonly pbx: ClusterPbxId | null;
  readonly expect: ExpectedPbx;
  readonly httpPort: number;
  readonly env: Readonly<Record<string, string>>;
}

/** A local Asterisk instance as the plan needs it: its settings, and its SIP WebSocket with the secret its phones' passwords derive from. */
export interface PlanPbx {
  readonly settings: LocalPbxSettings;
  readonly sip: { readonly wsUrl: string; readonly agentSecret: string };
}

export interface PlanInputs {
  readonly ports: ClusterPorts;
  /** The two local Asterisk instances, pbx-1's and pbx-2's. */
  readonly pbxs: readonly [PlanPbx, PlanPbx];
  readonly databaseUrl: string;
  readonly redisUrl: string;
}

interface NodeShape {
  readonly name: NodeName;
  readonly role: NodeRole;
  readonly pbx: ClusterPbxId | null;
  /** Which instance's files it reads (a web node: the one whose citizen phone and SIP WebSocket it offers). */
  readonly instance: 0 | 1;
  readonly mayLead: boolean;
  /** The demo agents are signed in once, by one server (the ACD is shared). */
  readonly autoLogin: boolean;
}

const SHAPES: readonly NodeShape[] = [
  { name: 'worker-1', role: 'worker', pbx: 'pbx-1', instance: 0, mayLead: true, autoLogin: true },
  { name: 'worker-2', role: 'worker', pbx: 'pbx-2', instance: 1, mayLead: true, autoLogin: false },
  { name: 'standby', role: 'standby', pbx: 'pbx-1', instance: 0, mayLead: true, autoLogin: false },
  { name: 'web-1', role: 'web', pbx: null, instance: 0, mayLead: false, autoLogin: false },
  { name: 'web-2', role: 'web', pbx: null, instance: 1, mayLead: false, autoLogin: false },
];

const EXPECT: Readonly<Record<NodeRole, ExpectedPbx>> = { worker: 'running', standby: 'standby', web: 'none' };

/** A local instance's settings as the HOTLINE_* variables the server reads them from. */
export function pbxEnv(settings: LocalPbxSettings): Record<string, string> {
  return {
    HOTLINE_PBX: 'local',
    HOTLINE_PBX_INSTANCE: settings.instance,
    HOTLINE_PBX_CACHE: settings.cacheDir,
    HOTLINE_PBX_STATE: settings.stateDir,
    HOTLINE_PBX_ARI_PORT: String(settings.ariPort),
    HOTLINE_PBX_AMI_PORT: String(settings.amiPort),
    HOTLINE_PBX_SIP_PORT: String(settings.sipPort),
    HOTLINE_PBX_RTP_START: String(settings.rtpStart),
  };
}

/** The five servers, worker-1 first (it migrates the schema and signs the demo agents in). */
export function planNodes(inputs: PlanInputs): NodePlan[] {
  return SHAPES.map((shape) => {
    const httpPort = inputs.ports.http[shape.name];
    const pbx = inputs.pbxs[shape.instance];
    const env: Record<string, string> = {
      // Demo mode: the embedded Asterisks, whose secrets a server running one reads from the instance's runtime file.
      ...pbxEnv(pbx.settings),
      // A web node reads no runtime file: it is told where its browser phones are relayed to (its
      // box first, the other when that one does not answer), and their passwords' secret.
      ...(shape.role === 'web' ? { HOTLINE_SIP_WS_URL: [pbx, ...inputs.pbxs.filter((other) => other !== pbx)].map((box) => box.sip.wsUrl).join(','), HOTLINE_AGENT_SIP_SECRET: pbx.sip.agentSecret } : {}),
      HOTLINE_HTTP_HOST: '127.0.0.1',
      HOTLINE_HTTP_PORT: String(httpPort),
      HOTLINE_DATABASE_URL: inputs.databaseUrl,
      HOTLINE_REDIS_URL: inputs.redisUrl,
      HOTLINE_NODE_ID: shape.name,
      HOTLINE_PBX_ID: shape.pbx ?? 'none',
      HOTLINE_CLUSTER_PBXS: CLUSTER_PBX_IDS.join(','),
      HOTLINE_ACD_LEAD: shape.mayLead ? 'yes' : 'no',
      HOTLINE_AUTO_LOGIN: shape.autoLogin ? 'all' : 'none',
    };
    return { name: shape.name, role: shape.role, pbx: shape.pbx, expect: EXPECT[shape.role], httpPort, env };
  });
}
