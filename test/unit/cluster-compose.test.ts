// The shape of asterisk-docker/cluster-compose.yaml: every role of docs/scale-out.md, servers told only documented variables, and what ties them together.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SETTINGS } from '../../src/config.js';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const composeDir = path.join(repoDir, 'asterisk-docker');
const SERVER_DOCKERFILE = 'asterisk-docker/Dockerfile.server';
const ASTERISK_DOCKERFILE = 'asterisk-docker/Dockerfile';

const WORKERS = ['worker-1', 'worker-2'];
const STANDBY = 'standby';
const WEB_NODES = ['web-1', 'web-2'];
const SERVERS = [...WORKERS, STANDBY, ...WEB_NODES];

const KNOWN_VARIABLES = new Set(SETTINGS.map((setting) => setting.name));

interface Service {
  readonly image?: string;
  readonly command?: readonly string[];
  readonly build?: { readonly context?: string; readonly dockerfile?: string };
  readonly environment?: Record<string, string | number | boolean | null>;
  readonly depends_on?: readonly string[] | Record<string, { readonly condition?: string }>;
  readonly volumes?: readonly string[];
  readonly restart?: string;
  readonly healthcheck?: { readonly test?: readonly string[] };
}

interface ComposeFile {
  readonly services: Record<string, Service>;
  readonly networks?: { readonly default?: { readonly ipam?: { readonly config?: readonly { readonly subnet?: string }[] } } };
}

// Merge keys (`<<: *anchor`) are how the file shares settings between servers; Compose resolves them too.
const compose = parse(fs.readFileSync(path.join(composeDir, 'cluster-compose.yaml'), 'utf8'), { merge: true }) as ComposeFile;
const services = compose.services;

function service(name: string): Service {
  const found = services[name];
  if (found === undefined) throw new Error(`cluster-compose.yaml has no service ${name}`);
  return found;
}

function env(name: string): Record<string, string> {
  const environment = service(name).environment;
  // The list form (`- NAME=value`) would hide a name from the checks below; the file uses maps only.
  if (environment === undefined || Array.isArray(environment) || typeof environment !== 'object') throw new Error(`${name}'s environment is not a map`);
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value)]));
}

function builtFrom(name: string): string | undefined {
  return service(name).build?.dockerfile;
}

function dependencies(name: string): Record<string, string | undefined> {
  const dependsOn = service(name).depends_on ?? [];
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((dependency: string) => [dependency, undefined]));
  return Object.fromEntries(Object.entries(dependsOn as Record<string, { condition?: string }>).map(([dependency, how]) => [dependency, how.condition]));
}

function ariHost(name: string): string {
  return new URL(env(name).HOTLINE_ARI_URL ?? '').hostname;
}

describe('the cluster compose file', () => {
  it('has every role of docs/scale-out.md', () => {
    expect(service('postgres').image).toMatch(/^postgres:/);
    expect(service('redis').image).toMatch(/^redis:7/);
    const asterisks = Object.keys(services).filter((name) => builtFrom(name) === ASTERISK_DOCKERFILE);
    expect(asterisks.length).toBeGreaterThanOrEqual(2);
    for (const name of SERVERS) expect(builtFrom(name)).toBe(SERVER_DOCKERFILE);
    expect(service('balancer').image).toMatch(/^(haproxy|nginx):/);
  });

  it('checks every server it has: a service built from the server image is the config renderer or one of the known roles', () => {
    const built = Object.keys(services).filter((name) => builtFrom(name) === SERVER_DOCKERFILE);
    expect(built.sort()).toEqual(['config-1', 'config-2', ...SERVERS].sort());
  });

  it('tells the servers only documented HOTLINE_* variables of config.ts', () => {
    for (const name of ['config-1', 'config-2', ...SERVERS]) {
      const unknown = Object.keys(env(name)).filter((variable) => !KNOWN_VARIABLES.has(variable));
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
    }
  });

  it('gives every server the database, Redis, the cluster\'s PBXs and a node id of its own', () => {
    const workerPbxs = WORKERS.map((name) => env(name).HOTLINE_PBX_ID);
    for (const name of SERVERS) {
      const vars = env(name);
      expect(vars.HOTLINE_DATABASE_URL).toMatch(/^postgres(ql)?:\/\/.+@postgres:5432\//);
      expect(vars.HOTLINE_REDIS_URL).toBe('redis://redis:6379');
      expect(vars.HOTLINE_HTTP_HOST).toBe('0.0.0.0');
      expect(vars.HOTLINE_CLUSTER_PBXS?.split(',').sort()).toEqual([...workerPbxs].sort());
    }
    const nodeIds = SERVERS.map((name) => env(name).HOTLINE_NODE_ID);
    expect(nodeIds).toEqual(SERVERS);
    expect(new Set(nodeIds).size).toBe(SERVERS.length);
  });

  it('gives each worker a PBX of its own, on an Asterisk service its ARI and AMI point at', () => {
    const pbxs = WORKERS.map((name) => env(name).HOTLINE_PBX_ID);
    expect(new Set(pbxs).size).toBe(WORKERS.length);
    expect(pbxs).not.toContain('none');
    const boxes = WORKERS.map((name) => ariHost(name));
    expect(new Set(boxes).size).toBe(WORKERS.length);
    for (const name of WORKERS) {
      const vars = env(name);
      expect(vars.HOTLINE_PBX).toBe('external');
      expect(builtFrom(ariHost(name))).toBe(ASTERISK_DOCKERFILE);
      expect(vars.HOTLINE_AMI_HOST).toBe(ariHost(name));
      expect(vars.HOTLINE_ACD_LEAD).toBe('yes');
      // Secrets come from the env file, never written in the compose file.
      expect(vars.HOTLINE_ARI_PASSWORD).toMatch(/^\$\{HOTLINE_ARI_PASSWORD[:}]/);
      expect(vars.HOTLINE_AMI_PASSWORD).toMatch(/^\$\{HOTLINE_AMI_PASSWORD[:}]/);
      expect(dependencies(name)).toHaveProperty(ariHost(name));
    }
  });

  it('reads each worker\'s recordings from its own Asterisk\'s recordings volume', () => {
    for (const name of [...WORKERS, STANDBY]) {
      const box = ariHost(name);
      const dir = env(name).HOTLINE_RECORDINGS_DIR;
      const boxVolume = (service(box).volumes ?? []).find((volume) => volume.split(':')[1] === '/hotline/docker/spool/recording')?.split(':')[0];
      expect(boxVolume).toBeDefined();
      expect((service(name).volumes ?? []).some((volume) => volume.split(':')[0] === boxVolume && volume.split(':')[1] === dir)).toBe(true);
    }
  });

  it("renders each box's configuration with its own trunk to every other box, into the volume that box reads", () => {
    const boxes = [...new Set(WORKERS.map((name) => ariHost(name)))];
    for (const box of boxes) {
      const pbx = WORKERS.map((name) => env(name)).find((vars) => new URL(vars.HOTLINE_ARI_URL ?? '').hostname === box)?.HOTLINE_PBX_ID;
      const etc = (service(box).volumes ?? []).find((volume) => volume.split(':')[1] === '/hotline/docker/etc')?.split(':')[0];
      const renderer = Object.keys(services).find((name) => (service(name).command ?? []).includes('scripts/render-pbx-config.ts') && (service(name).volumes ?? []).some((volume) => volume.split(':')[0] === etc));
      const command = service(renderer ?? '').command ?? [];
      expect(command[command.indexOf('--pbx') + 1]).toBe(pbx);
      const trunks = command.flatMap((arg, i) => (command[i - 1] === '--trunk' ? [arg] : []));
      expect(trunks.sort()).toEqual(boxes.filter((other) => other !== box).map((other) => `${WORKERS.map((name) => env(name)).find((vars) => new URL(vars.HOTLINE_ARI_URL ?? '').hostname === other)?.HOTLINE_PBX_ID}=${other}:5060`).sort());
      expect(dependencies(box)[renderer ?? '']).toBe('service_completed_successfully');
      expect(env(renderer ?? '').HOTLINE_PBX_TRUNK_SECRET).toMatch(/^\$\{HOTLINE_PBX_TRUNK_SECRET[:}]/);
    }
  });

  it("opens each box's ARI and AMI to this file's network, and AMI to nothing else", () => {
    const subnet = compose.networks?.default?.ipam?.config?.[0]?.subnet ?? '';
    const [address, bits] = subnet.split('/');
    const mask = [0, 1, 2, 3].map((i) => (((0xffffffff << (32 - Number(bits))) >>> 0) >>> (24 - 8 * i)) & 255).join('.');
    const renderers = Object.keys(services).filter((name) => (service(name).command ?? []).includes('--pbx'));
    expect(renderers.length).toBeGreaterThanOrEqual(2);
    for (const name of renderers) {
      const command = service(name).command ?? [];
      expect(command[command.indexOf('--api-bind') + 1]).toBe('0.0.0.0');
      expect(command[command.indexOf('--ami-permit') + 1]).toBe(`${address}/${mask}`);
    }
  });

  it('has a standby for a PBX a worker runs, on the same Asterisk', () => {
    const vars = env(STANDBY);
    const holder = WORKERS.find((name) => env(name).HOTLINE_PBX_ID === vars.HOTLINE_PBX_ID);
    expect(holder).toBeDefined();
    expect(ariHost(STANDBY)).toBe(ariHost(holder ?? ''));
    expect(vars.HOTLINE_AMI_HOST).toBe(env(holder ?? '').HOTLINE_AMI_HOST);
  });

  it('runs no PBX on a web node, and never lets one lead the ACD', () => {
    for (const name of WEB_NODES) {
      const vars = env(name);
      expect(vars.HOTLINE_PBX_ID).toBe('none');
      expect(vars.HOTLINE_ACD_LEAD).toBe('no');
      expect(vars).not.toHaveProperty('HOTLINE_ARI_URL');
      expect(vars).not.toHaveProperty('HOTLINE_AMI_HOST');
    }
  });

  it("relays each web node's browser phones to every box's SIP WebSocket, in an order of its own", () => {
    const boxes = [...new Set(WORKERS.map((name) => ariHost(name)))];
    const firsts = WEB_NODES.map((name) => {
      const urls = (env(name).HOTLINE_SIP_WS_URL ?? '').split(',');
      expect(urls.map((url) => new URL(url).hostname).sort()).toEqual([...boxes].sort());
      for (const url of urls) expect(url).toMatch(/^ws:\/\/[^/]+:8088\/ws$/);
      return urls[0];
    });
    // The web nodes start on different boxes, so the phones are spread while both run.
    expect(new Set(firsts).size).toBe(WEB_NODES.length);
  });

  it('starts servers once PostgreSQL and Redis are healthy, restarts them, and checks them on /health', () => {
    expect(service('postgres').healthcheck?.test).toContain('pg_isready');
    expect(service('redis').healthcheck?.test).toEqual(expect.arrayContaining(['redis-cli', 'ping']));
    for (const name of SERVERS) {
      const deps = dependencies(name);
      expect(deps).toMatchObject({ postgres: 'service_healthy', redis: 'service_healthy' });
      // A server that lost its PBX lease exits (code 75) for this to start it again.
      expect(service(name).restart).toBe('unless-stopped');
      expect(service(name).healthcheck?.test?.join(' ')).toContain(`:${env(name).HOTLINE_HTTP_PORT ?? '3000'}/health`);
    }
  });

  it('keeps Redis\'s streams across a restart (AOF every second)', () => {
    expect((service('redis').command ?? []).join(' ')).toContain('--appendonly yes --appendfsync everysec');
  });

  it("puts the balancer's config file in the repository, naming both web nodes", () => {
    const mounted = (service('balancer').volumes ?? []).map((volume) => volume.split(':')[0] ?? '').filter((source) => source.startsWith('.'));
    expect(mounted).toHaveLength(1);
    const file = path.resolve(composeDir, mounted[0] ?? '');
    expect(fs.existsSync(file)).toBe(true);
    const text = fs.readFileSync(file, 'utf8');
    for (const name of WEB_NODES) {
      const port = env(name).HOTLINE_HTTP_PORT ?? '3000';
      expect(text).toMatch(new RegExp(`^\\s*server\\s+\\S+\\s+${name}:${port}\\b`, 'm'));
    }
    expect(text).toMatch(/GET \/health\b/);
  });
});
