// Builds the Debian sid root filesystem that holds Asterisk 22, once per machine and recipe.
// Debian 12 has no asterisk package; sid has Asterisk 22 as an ordinary one.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LocalPbxError } from './local-pbx-error.js';
import { ROOT_RECIPE } from './pbx-layout.js';

const MARKER = '.hotline-root.json';
const MIN_FREE_BYTES = 2 * 1024 ** 3;

export interface RootInfo {
  readonly asteriskVersion: string;
  readonly builtAt: string;
  readonly recipe: typeof ROOT_RECIPE;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export function readRootInfo(rootDir: string): RootInfo | undefined {
  const file = path.join(rootDir, MARKER);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RootInfo;
}

function assertCanBuild(cacheDir: string): void {
  if (!isRoot()) {
    throw new LocalPbxError(
      'PBX_NOT_ROOT',
      'The local Asterisk runs in a chroot and needs root. Run as root (e.g. sudo npm start), or use an Asterisk ' +
        'of your own: HOTLINE_PBX=external with HOTLINE_ARI_URL, HOTLINE_ARI_PASSWORD and HOTLINE_AMI_PASSWORD.',
    );
  }
  if (!hasCommand('debootstrap')) {
    throw new LocalPbxError('PBX_TOOL_MISSING', 'debootstrap is missing: apt-get install -y debootstrap');
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  const stats = fs.statfsSync(cacheDir);
  const free = stats.bavail * stats.bsize;
  if (free < MIN_FREE_BYTES) {
    throw new LocalPbxError(
      'PBX_NO_DISK',
      `Building the Asterisk root needs about 2 GiB free in ${cacheDir}; only ${(free / 1024 ** 3).toFixed(1)} GiB left. ` +
        'Free some space or point HOTLINE_PBX_CACHE at a larger disk.',
    );
  }
}

function run(command: string, args: string[], log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk: Buffer): void => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve();
      log(tail);
      reject(new LocalPbxError('PBX_BUILD_FAILED', `${command} exited with ${code}: ${tail.split('\n').slice(-5).join(' | ')}`));
    });
  });
}

function asteriskVersion(rootDir: string): string {
  const out = spawnSync('chroot', [rootDir, 'dpkg-query', '-W', '-f=${Version}', 'asterisk'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim() : 'unknown';
}

/** Returns the root, building it first when the cache has none for this recipe. */
export async function ensureRoot(rootDir: string, log: (line: string) => void): Promise<RootInfo> {
  const existing = readRootInfo(rootDir);
  if (existing) return existing;
  const cacheDir = path.dirname(rootDir);
  assertCanBuild(cacheDir);
  // Build beside the final place and rename, so an interrupted build never looks finished.
  const building = `${rootDir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  log(`Building the Asterisk 22 root filesystem in ${rootDir} (once per machine, about 2 minutes)...`);
  const include = `--include=${ROOT_RECIPE.packages.join(',')}`;
  try {
    await run('debootstrap', ['--variant=minbase', include, ROOT_RECIPE.suite, building], log);
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true });
    throw error;
  }
  const info: RootInfo = { asteriskVersion: asteriskVersion(building), builtAt: new Date().toISOString(), recipe: ROOT_RECIPE };
  fs.writeFileSync(path.join(building, MARKER), JSON.stringify(info, null, 2));
  if (readRootInfo(rootDir)) {
    // Another process finished first: keep theirs.
    fs.rmSync(building, { recursive: true, force: true });
    return readRootInfo(rootDir) as RootInfo;
  }
  fs.rmSync(rootDir, { recursive: true, force: true });
  fs.renameSync(building, rootDir);
  log(`Asterisk root ready: Asterisk ${info.asteriskVersion}`);
  return info;
}
