// Finds Asterisk processes of one instance by their command line, so a stop also catches an
// Asterisk whose pid file was lost (a crashed runner, a killed test run).
import fs from 'node:fs';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch {
    return false;
  }
}

function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** Pids whose command line is `asterisk ... -C <configFile> ...`, including the chroot wrapper if any. */
export function findAsteriskPids(configFileInRoot: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const isAsterisk = args.some((arg) => arg === 'asterisk' || arg.endsWith('/asterisk'));
    const configIndex = args.indexOf('-C');
    // `-rx` clients are short-lived remote consoles, not the server.
    if (isAsterisk && configIndex >= 0 && args[configIndex + 1] === configFileInRoot && !args.includes('-rx')) {
      const pid = Number(entry);
      if (isAlive(pid)) pids.push(pid);
    }
  }
  return pids;
}

export async function waitUntilGone(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let left = pids.filter(isAlive);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = left.filter(isAlive);
  }
  return left;
}
