// A network namespace joined to this machine by a veth pair, for the WebRTC tests: loopback is never
// an ICE candidate (pjlib skips `lo`, Chromium gathers it only on request), so a browser phone needs
// a real interface between it and Asterisk. The root end stays where the shared test Asterisk and the
// test server run; the browser runs inside the namespace (`ip netns exec`). Needs root.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestNetns {
  readonly name: string;
  /** The root namespace's end (where Asterisk and the server are reached). */
  readonly hostAddress: string;
  /** The namespace's end (the browser's only address besides loopback). */
  readonly nsAddress: string;
  /** A shell script that runs `executable` with its arguments inside the namespace. */
  wrapper(executable: string): string;
  /** Removes the pair and the namespace; safe to call twice. */
  remove(): void;
}

// One fixed set of names: pbx-tier runs are serialized (flock), and a run killed before its
// cleanup leaves names the next run removes first. Addresses from the benchmarking range 198.18.0.0/15.
const NS = 'hotline-phone-e2e';
const HOST_LINK = 'hlphone0';
const NS_LINK = 'hlphone1';
const HOST_ADDRESS = '198.18.254.1';
const NS_ADDRESS = '198.18.254.2';

const ip = (...args: string[]): string => execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Why this machine cannot make the namespace (a reason to skip), or null when it can. */
export function netnsUnavailable(): string | null {
  if (process.platform !== 'linux') return 'network namespaces are Linux only';
  if (process.getuid?.() !== 0) return 'making a network namespace and a veth pair needs root';
  try {
    ip('netns', 'list');
    return null;
  } catch {
    return 'the `ip` command (iproute2) is missing';
  }
}

function removeLeftovers(): void {
  // Deleting one end of a veth pair deletes both.
  if (ip('-br', 'link').split('\n').some((line) => line.startsWith(`${HOST_LINK} `) || line.startsWith(`${HOST_LINK}@`))) ip('link', 'del', HOST_LINK);
  if (ip('netns', 'list').split('\n').some((line) => line.split(' ')[0] === NS)) ip('netns', 'del', NS);
}

export function createTestNetns(): TestNetns {
  removeLeftovers();
  const scripts = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-netns-'));
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    process.removeListener('exit', remove);
    removeLeftovers();
    fs.rmSync(scripts, { recursive: true, force: true });
  };
  // A test process that dies without its afterAll still takes the pair down with it.
  process.once('exit', remove);
  try {
    ip('netns', 'add', NS);
    ip('-n', NS, 'link', 'set', 'lo', 'up');
    ip('link', 'add', HOST_LINK, 'type', 'veth', 'peer', 'name', NS_LINK, 'netns', NS);
    ip('addr', 'add', `${HOST_ADDRESS}/30`, 'dev', HOST_LINK);
    ip('link', 'set', HOST_LINK, 'up');
    ip('-n', NS, 'addr', 'add', `${NS_ADDRESS}/30`, 'dev', NS_LINK);
    ip('-n', NS, 'link', 'set', NS_LINK, 'up');
  } catch (error) {
    remove();
    throw error;
  }
  const wrapper = (executable: string): string => {
    const file = path.join(scripts, `${path.basename(executable)}-in-netns`);
    fs.writeFileSync(file, `#!/bin/sh\nexec ip netns exec ${NS} ${executable} "$@"\n`, { mode: 0o755 });
    return file;
  };
  return { name: NS, hostAddress: HOST_ADDRESS, nsAddress: NS_ADDRESS, wrapper, remove };
}
