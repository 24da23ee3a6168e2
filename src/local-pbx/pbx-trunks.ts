// The PJSIP trunks that join the boxes of a cluster (appended to pjsip.conf): on each box, one
// endpoint `trunk-<box>` per other box. A caller on box A offered to an agent whose phone is on box B
// is put through with one call from A to `<agent>@trunk-<B>`; B takes it in its context from-pbx
// (dialplan/hotline.conf). Each box calls the others as `trunk-<itself>` and answers their digest
// challenge with the cluster's trunk secret; a box tells which box calls it by that user name
// (pjsip.conf identifies by user name before address, so boxes on one machine are told apart). The
// citizen's number rides in P-Asserted-Identity, which the other box trusts from its trunk only, so
// the agent's phone shows the caller, not the trunk.
import type { ClusterPbxTrunk } from '../domain/cluster/pbx-trunks.js';
import { trunkEndpointName } from '../domain/cluster/pbx-trunks.js';
import { sipSectionName } from './config-render.js';

const checkedId = (id: string): string => sipSectionName(id, 'PBX id');

/** pjsip.conf text for box `own`: its trunks to every other box, authenticated with `secret`. */
export function pbxTrunksConfig(own: string, others: readonly ClusterPbxTrunk[], secret: string): string {
  if (!/^[A-Za-z0-9]{16,}$/.test(secret)) throw new Error('the trunk secret must be at least 16 letters or digits');
  const self = trunkEndpointName(checkedId(own));
  const lines = [
    '; Trunks to the other boxes of the cluster (rendered by npm run cluster or pbx:render; see pbx-trunks.ts).',
    '[pbx-trunk](!)',
    'type = endpoint',
    'context = from-pbx',
    'disallow = all',
    'allow = ulaw,alaw',
    'dtmf_mode = rfc4733',
    'direct_media = no',
    'rtp_symmetric = yes',
    'send_pai = yes',
    'trust_id_outbound = yes',
    'trust_id_inbound = yes',
    `from_user = ${self}`,
    'outbound_auth = pbx-trunk-out',
    '',
    '[pbx-trunk-out]',
    'type = auth',
    'auth_type = userpass',
    `username = ${self}`,
    `password = ${secret}`,
    '',
  ];
  for (const other of others) {
    const name = trunkEndpointName(checkedId(other.pbx));
    if (name === self) continue;
    lines.push(
      `[${name}](pbx-trunk)`,
      `aors = ${name}`,
      `auth = ${name}`,
      '',
      `[${name}]`,
      'type = aor',
      `contact = sip:${other.host}:${other.port}`,
      'qualify_frequency = 10',
      '',
      `[${name}]`,
      'type = auth',
      'auth_type = userpass',
      `username = ${name}`,
      `password = ${secret}`,
      '',
    );
  }
  return lines.join('\n');
}

/** One `--trunk` of pbx:render: `<pbx id>=<host>:<port>`, the other box and where its SIP listens. */
export function parseTrunk(text: string): ClusterPbxTrunk {
  const match = /^([^=\s]+)=([A-Za-z0-9.-]+):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  if (!match || port < 1 || port > 65_535) throw new Error(`a trunk must look like pbx-2=asterisk-2:5060, got "${text}"`);
  return { pbx: checkedId(match[1] as string), host: match[2] as string, port };
}
