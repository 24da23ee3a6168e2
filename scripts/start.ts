// npm start: the whole system on its embedded defaults. Brings up the local Asterisk 22 (building it
// on first use), the prompts, SQLite and the hotline server, then prints where everything is.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../src/config.js';
import { LocalPbxError, pbxDown, pbxStatus, pbxUp } from '../src/local-pbx/index.js';
import { StartupError, startServerProcess, stopOnSignals } from '../src/main.js';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const EXTERNAL_HINT =
  'To use an Asterisk of your own instead, set HOTLINE_PBX=external with HOTLINE_ARI_URL, HOTLINE_ARI_PASSWORD, ' +
  'HOTLINE_AMI_HOST, HOTLINE_AMI_PORT and HOTLINE_AMI_PASSWORD (see the README configuration table).';

async function main(): Promise<void> {
  // The demo's knowledge base (the hand-written articles and a few thousand generated ones) and a year of
  // orders for the analysis page and the hotspot warnings, unless set.
  const config = loadConfig({ HOTLINE_KNOWLEDGE_SEED: '3000', HOTLINE_ORDER_HISTORY_SEED: '3000', ...process.env });
  let stopPbx: (() => Promise<void>) | undefined;
  if (config.pbxMode === 'local') {
    const before = await pbxStatus(config.localPbx);
    await pbxUp(config.localPbx, { repoDir, promptLanguage: config.promptLanguage, agentsFile: config.files.agents, usersFile: config.files.users, log: (line) => console.log(line) });
    // Leave an Asterisk we found running as it was; stop only the one we started.
    if (!before.running) stopPbx = async () => void (await pbxDown(config.localPbx));
  }
  const server = await startServerProcess(config);
  stopOnSignals(server, stopPbx);
  const base = server.url.replace('127.0.0.1', 'localhost');
  console.log(
    [
      '',
      'hotline-cti is running.',
      `  Agent desktop: ${base}/   (demo users 8001–8004, supervisor, qa; password hotline-demo)`,
      `  Wallboard:     ${base}/wallboard`,
      `  QA review:     ${base}/qa`,
      // The demo's citizen phone exists with the embedded Asterisk only (src/boot/phone-lines.ts).
      ...(config.pbxMode === 'local' ? [`  Citizen phone: ${base}/phone   (call 12345 from the browser, answer at the agent desktop in another tab)`] : []),
      `  Health:        ${base}/health`,
      `  Active calls:  ${base}/api/calls/active`,
      `  Database:      ${path.relative(repoDir, config.dbFile) || config.dbFile}`,
      '  Place a test call (in another terminal):',
      '    npm run call -- --from 13800001111',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  if (error instanceof LocalPbxError || error instanceof StartupError || error instanceof ConfigError) {
    console.error(`${error.code}: ${error.message}`);
    if (error instanceof LocalPbxError) console.error(EXTERNAL_HINT);
  } else {
    console.error(error);
  }
  process.exit(1);
});
