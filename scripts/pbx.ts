// npm run pbx:up | pbx:down | pbx:status — the local Asterisk 22 for machines without Docker.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../src/config.js';
import { LocalPbxError, pbxDown, pbxStatus, pbxUp } from '../src/local-pbx/index.js';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(command: string | undefined): Promise<number> {
  const config = loadConfig();
  const settings = config.localPbx;
  const log = (line: string): void => console.log(line);
  switch (command) {
    case 'up': {
      const runtime = await pbxUp(settings, { repoDir, promptLanguage: config.promptLanguage, agentsFile: config.files.agents, usersFile: config.files.users, log });
      console.log(`ARI  ${runtime.ari.url} (user ${runtime.ari.user})`);
      console.log(`AMI  ${runtime.ami.host}:${runtime.ami.port} (user ${runtime.ami.user})`);
      console.log(`SIP  udp ${runtime.sip.host}:${runtime.sip.port}; a handset registers as agent-<id> with its own password: npm run agent-sip-credential -- <id>`);
      console.log(`     browser phones: the hotline server's /sip, relayed to ${runtime.sip.wsUrl}`);
      return 0;
    }
    case 'down': {
      const { stopped } = await pbxDown(settings);
      console.log(stopped.length > 0 ? `Asterisk (${settings.instance}) stopped: pid ${stopped.join(', ')}` : `Asterisk (${settings.instance}) was not running.`);
      return 0;
    }
    case 'status': {
      const status = await pbxStatus(settings);
      const { runtime, ...summary } = status;
      console.log(JSON.stringify({ ...summary, asteriskVersion: runtime?.asteriskVersion, ari: runtime?.ari.url, ami: runtime ? `${runtime.ami.host}:${runtime.ami.port}` : undefined }, null, 2));
      return status.running && status.ariReady && status.amiReady ? 0 : 3;
    }
    default:
      console.error('usage: tsx scripts/pbx.ts up|down|status');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof LocalPbxError || error instanceof ConfigError) {
      console.error(`${error.code}: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exit(1);
  },
);
