// Renders Asterisk's configuration and the prompt audio for an Asterisk that is not the local
// runner's (the Docker set-up): npm run pbx:render -- --etc <dir> --sounds <dir> --instance-dir <path>
// A box of a cluster adds its id and a trunk to each other box: --pbx pbx-1 --trunk pbx-2=asterisk-2:5060,
// and ARI and AMI on the private network for workers on other machines: --api-bind 0.0.0.0
// --ami-permit 172.28.0.0/255.255.0.0
// Secrets come from HOTLINE_ARI_PASSWORD, HOTLINE_AMI_PASSWORD and HOTLINE_AGENT_SIP_SECRET (and
// HOTLINE_PBX_TRUNK_SECRET for the trunks).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { renderConfigDir } from '../src/local-pbx/config-render.js';
import { templateValues } from '../src/local-pbx/local-pbx.js';
import { installPromptAudio } from '../src/local-pbx/prompt-audio.js';
import { parseTrunk, pbxTrunksConfig } from '../src/local-pbx/pbx-trunks.js';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { etc: { type: 'string' }, sounds: { type: 'string' }, 'instance-dir': { type: 'string' }, 'sip-bind': { type: 'string' }, 'api-bind': { type: 'string' }, 'ami-permit': { type: 'string' }, pbx: { type: 'string' }, trunk: { type: 'string', multiple: true } },
});
const config = loadConfig();
const agentSipSecret = config.agentSipSecret;
if (!values.etc || !values.sounds || !values['instance-dir']) {
  console.error('usage: render-pbx-config --etc <dir> --sounds <dir> --instance-dir <path inside Asterisk>');
  process.exit(2);
}
if (!config.ari.password || !config.ami.password || !agentSipSecret) {
  console.error('CONFIG_INVALID: set HOTLINE_ARI_PASSWORD, HOTLINE_AMI_PASSWORD and HOTLINE_AGENT_SIP_SECRET');
  process.exit(1);
}
const trunks = values.trunk ?? [];
if ((values.pbx === undefined) !== (trunks.length === 0) || (trunks.length > 0 && !config.pbxTrunkSecret)) {
  console.error('CONFIG_INVALID: a box of a cluster needs --pbx <its id>, a --trunk <id>=<host>:<port> per other box, and HOTLINE_PBX_TRUNK_SECRET');
  process.exit(1);
}
const secrets = { ariPassword: config.ari.password, amiPassword: config.ami.password, agentSipSecret };
renderConfigDir(
  path.join(repoDir, 'asterisk-docker', 'etc'),
  path.join(repoDir, 'dialplan'),
  values.etc,
  templateValues(config.localPbx, values['instance-dir'], secrets, repoDir, values['sip-bind'] ?? '0.0.0.0', {
    agentsFile: config.files.agents,
    usersFile: config.files.users,
    ...(values['api-bind'] ? { apiBind: values['api-bind'] } : {}),
    ...(values['ami-permit'] ? { amiPermit: values['ami-permit'] } : {}),
  }),
  values.pbx === undefined ? {} : { 'pjsip.conf': trunksOf(values.pbx, trunks, config.pbxTrunkSecret) },
);
installPromptAudio(path.join(repoDir, 'ivr-flows', 'prompts'), config.promptLanguage, path.join(repoDir, 'data', 'cache'), values.sounds);
console.log(`Asterisk configuration written to ${values.etc}, prompts to ${values.sounds}`);

function trunksOf(own: string, trunks: readonly string[], secret: string): string {
  try {
    return pbxTrunksConfig(own, trunks.map(parseTrunk), secret);
  } catch (error) {
    console.error(`CONFIG_INVALID: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
