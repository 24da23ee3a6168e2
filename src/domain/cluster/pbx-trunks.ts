// How the boxes of a cluster reach each other's agents: a PJSIP trunk per other box, named
// `trunk-<box>`, and the dial string a server uses to put a caller through to an agent whose phone is
// on another box (HOTLINE_PBX_TRUNK_ENDPOINT; `{agent}` and `{pbx}` stand for the agent and the box).

export interface ClusterPbxTrunk {
  readonly pbx: string;
  readonly host: string;
  readonly port: number;
}

export const DEFAULT_TRUNK_ENDPOINT = 'PJSIP/{agent}@trunk-{pbx}';

export function trunkEndpointName(pbx: string): string {
  return `trunk-${pbx}`;
}

/** The endpoint dialed for an agent whose phone is on box `pbx`. */
export function trunkDialString(template: string, agentId: string, pbx: string): string {
  return template.replaceAll('{agent}', agentId).replaceAll('{pbx}', pbx);
}
