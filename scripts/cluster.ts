// npm run cluster: the whole cluster on one machine, in demo mode. PostgreSQL and Redis (Debian's
// packages) on loopback, two local Asterisk instances, two call workers, a standby and two web
// nodes; prints where to look; Ctrl-C stops everything it started.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../src/config.js';
import { DEFAULT_PORTS } from '../src/local-cluster/cluster-plan.js';
import { LocalClusterError } from '../src/local-cluster/cluster-error.js';
import { startLocalCluster, type ClusterNode, type LocalCluster } from '../src/local-cluster/local-cluster.js';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(repoDir, 'data', 'cluster');
const shown = (dir: string): string => path.relative(repoDir, dir) || dir;

const ROLES: Readonly<Record<ClusterNode['role'], string>> = {
  worker: 'call worker, may lead the ACD',
  standby: 'standby, takes its PBX if the worker dies; may lead the ACD',
  web: 'web node: pages, API, sockets; never leads',
};

function describe(cluster: LocalCluster): string {
  const webs = cluster.nodes.filter((node) => node.role === 'web').map((node) => node.url.replace('127.0.0.1', 'localhost'));
  const [web1 = '', web2 = web1] = webs;
  const worker1 = cluster.nodes.find((node) => node.name === 'worker-1');
  const standby = cluster.nodes.find((node) => node.name === 'standby');
  return [
    '',
    'The hotline-cti cluster is running on this machine (demo mode: the embedded Asterisks and the demo users).',
    `  Agent desktop:  ${webs.map((url) => `${url}/`).join('  or  ')}   (demo users 8001–8004, supervisor, qa; password hotline-demo)`,
    `  Wallboard:      ${web1}/wallboard`,
    `  QA review:      ${web1}/qa`,
    '  Servers:',
    ...cluster.nodes.map((node) => `    ${node.name.padEnd(9)} ${(node.pbx ?? '').padEnd(6)} pid ${String(node.pid).padEnd(8)} ${node.url}/health   ${ROLES[node.role]}`),
    '  PBXs:',
    ...cluster.pbxs.map((pbx) => `    ${pbx.id}  Asterisk "${pbx.settings.instance}": ARI ${pbx.runtime.ari.url}, AMI 127.0.0.1:${pbx.settings.amiPort}, SIP 127.0.0.1:${pbx.settings.sipPort}`),
    `  PostgreSQL:     ${cluster.postgresUrl}   (${shown(path.join(dataDir, 'postgres'))}, fsync on)`,
    `  Redis:          ${cluster.redisUrl}   (${shown(path.join(dataDir, 'redis'))}, append-only file)`,
    `  Logs:           ${shown(cluster.logDir)}/<server>.log`,
    '  Place a test call on each PBX (in another terminal):',
    ...cluster.pbxs.map((pbx, i) => `    npm run call -- --pbx ${pbx.settings.instance} --server ${i === 0 ? web1 : web2} --from 1380000${i + 1}111`),
    '  Try a failover: kill worker-1 and watch the standby take pbx-1 over (its /health says "running" within a few seconds):',
    `    kill -9 ${worker1?.pid ?? '<worker-1 pid>'}; curl ${standby?.url ?? ''}/health`,
    `    then call pbx-1 again: npm run call -- --pbx ${cluster.pbxs[0]?.settings.instance ?? 'cluster-1'} --server ${web1} --from 13800003333`,
    'Press Ctrl-C to stop everything.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const abort = new AbortController();
  let cluster: LocalCluster | null = null;
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // A second Ctrl-C waits too: leaving now would leave the servers, the Asterisks and the databases running.
    if (stopping) return void console.log(`${signal}: still stopping…`);
    stopping = true;
    console.log(`\n${signal}: stopping the cluster…`);
    if (cluster === null) return abort.abort();
    cluster.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error instanceof LocalClusterError ? `${error.code} (${error.part}): ${error.message}` : error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  cluster = await startLocalCluster({
    repoDir,
    dataDir,
    ports: DEFAULT_PORTS,
    pbx: { instances: ['cluster-1', 'cluster-2'], cacheDir: config.localPbx.cacheDir, stateDir: config.localPbx.stateDir, promptLanguage: config.promptLanguage },
    log: (line) => console.log(line),
    signal: abort.signal,
  });
  console.log(describe(cluster));
}

main().catch((error: unknown) => {
  if (error instanceof LocalClusterError) console.error(`${error.code} (${error.part}): ${error.message}`);
  else if (error instanceof ConfigError) console.error(`${error.code}: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
