// npm run agent-sip-credential -- <agentId> [--web]: prints an agent's SIP credential, to set up a
// handset (or, with --web, the browser phone's, which the agent desktop fetches by itself). The
// password is derived from the installation's secret: the local instance's (data/pbx/<instance>/
// secrets.json) in local mode, HOTLINE_AGENT_SIP_SECRET otherwise (the Docker set-up's .env).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { agentSipCredential } from '../src/adapters/sip/agent-sip-credential.js';
import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { readAgentIds } from '../src/local-pbx/config-render.js';
import { pbxLayout } from '../src/local-pbx/pbx-layout.js';
import { loadOrCreateSecrets } from '../src/local-pbx/pbx-secrets.js';

/** The secret Asterisk's configuration was rendered with: the local runner's own, or the one given for Docker. */
function installationSecret(config: Config): string {
  if (config.pbxMode === 'local') return loadOrCreateSecrets(pbxLayout(config.localPbx).stateDir).agentSipSecret;
  if (config.agentSipSecret !== '') return config.agentSipSecret;
  throw new ConfigError('HOTLINE_AGENT_SIP_SECRET is not set: with HOTLINE_PBX=external the agent SIP secret comes from there');
}

function main(): number {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { web: { type: 'boolean', default: false } } });
  const [agentId] = positionals;
  if (agentId === undefined || positionals.length > 1) {
    console.error('usage: npm run agent-sip-credential -- <agentId> [--web]');
    return 2;
  }
  const config = loadConfig();
  if (!readAgentIds(config.files.agents).includes(agentId)) {
    console.error(`AGENT_UNKNOWN: no agent ${agentId} in ${path.relative(process.cwd(), config.files.agents)}`);
    return 1;
  }
  const kind = values.web ? 'web' : 'handset';
  const { endpoint, password } = agentSipCredential(installationSecret(config), agentId, kind);
  const registrar = kind === 'web' ? "the hotline server's /sip WebSocket (subprotocol sip)" : `UDP, port ${config.localPbx.sipPort} of the Asterisk machine`;
  console.log([`user / auth user: ${endpoint}`, `password:         ${password}`, `registrar:        ${registrar}`].join('\n'));
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
}
