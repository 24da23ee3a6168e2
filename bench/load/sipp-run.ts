// SIPp processes of a run: citizens placing calls at a rate (UAC) and the agents' phones answering
// every call Asterisk sends them (UAS). They run inside the Asterisk root filesystem, from Debian
// sid's sip-tester (3.8): Debian 12's SIPp 3.6.1 gives every media play a raw socket of its own, and
// Linux hands each such socket a copy of every UDP packet on the machine, so with N calls up each RTP
// packet was copied N times (measured: 140 sockets, each dropping 120,000+ copies, the machine
// saturated at ~150 calls). Each process writes SIPp's statistics file once a second; the figures
// that count are read from its last line when the process ends. Its scenario's log lines (when each
// call sent its INVITE, got its marks, pressed its keys) go to `<name>-calls.log` (sippLogFile).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseSippLog, type SippCallLog } from './sipp-log.js';

/** A folder inside the Asterisk root that SIPp (chrooted) and this process (on the host) both see. */
export interface SippPlace {
  readonly rootDir: string;
  /** The folder as SIPp sees it, inside the root. */
  readonly dir: string;
}

export const hostPath = (place: SippPlace, name: string): string => path.join(place.rootDir, place.dir, name);
export const innerPath = (place: SippPlace, name: string): string => path.posix.join(place.dir, name);

export interface SippCounts {
  readonly created: number;
  readonly successful: number;
  readonly failed: number;
  /** SIPp's exit code (0: every call succeeded, 1: some failed, 99: no call ran). */
  readonly exitCode: number | null;
}

export interface SippRun {
  readonly pid: number;
  readonly done: Promise<SippCounts>;
  /** Stops placing calls and lets the ones under way finish (SIGUSR1), then kills after `graceMs`. */
  stop(graceMs?: number): Promise<SippCounts>;
}

export interface CitizenRun {
  /** File names in the place. */
  readonly scenario: string;
  readonly numbers: string;
  readonly name: string;
  readonly target: string;
  readonly service: string;
  readonly sipPort: number;
  readonly mediaPort: number;
  readonly rate: number;
  readonly calls: number;
  readonly limit: number;
}

export interface AgentRun {
  readonly scenario: string;
  readonly name: string;
  readonly sipPort: number;
  readonly mediaPort: number;
}

/** Installs Debian's sip-tester in the root when it is not there yet (once per root). */
export function ensureSipp(rootDir: string, log: (line: string) => void): void {
  if (fs.existsSync(path.join(rootDir, 'usr/bin/sipp'))) return;
  log('installing sip-tester (SIPp) in the Asterisk root filesystem');
  const apt = (...args: string[]): boolean => spawnSync('chroot', [rootDir, 'apt-get', ...args], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  if (!apt('install', '-y', '-qq', 'sip-tester') && !(apt('update', '-qq') && apt('install', '-y', '-qq', 'sip-tester'))) {
    throw new Error(`LOAD_SIPP_MISSING: could not install sip-tester in ${rootDir} (chroot ${rootDir} apt-get install sip-tester)`);
  }
}

// A loaded machine delays SIPp's own timers; its watchdog would end the run it is measuring.
const COMMON = ['-i', '127.0.0.1', '-aa', '-nostdin', '-trace_stat', '-fd', '1', '-trace_err', '-trace_logs', '-watchdog_minor_maxtriggers', '1000000', '-watchdog_major_maxtriggers', '1000000'];

/** Where a SIPp process of the place writes its scenario's log lines. */
export const sippLogFile = (name: string): string => `${name}-calls.log`;

/** The last row of a SIPp statistics file, by column name. */
export function lastStatRow(text: string): Record<string, string> {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const header = (lines[0] ?? '').split(';');
  const last = (lines.at(-1) ?? '').split(';');
  if (lines.length < 2) return {};
  return Object.fromEntries(header.map((name, i) => [name, last[i] ?? '']));
}

function counts(statFile: string, exitCode: number | null): SippCounts {
  const row = fs.existsSync(statFile) ? lastStatRow(fs.readFileSync(statFile, 'utf8')) : {};
  const number = (name: string): number => Number(row[name] ?? 0) || 0;
  return { created: number('TotalCallCreated'), successful: number('SuccessfulCall(C)'), failed: number('FailedCall(C)'), exitCode };
}

function run(place: SippPlace, name: string, args: readonly string[]): SippRun {
  const stats = `${name}-stats.csv`;
  const all = [...args, '-stf', innerPath(place, stats), '-error_file', innerPath(place, `${name}-errors.log`), '-log_file', innerPath(place, sippLogFile(name)), ...COMMON];
  const child: ChildProcess = spawn('chroot', [place.rootDir, 'sipp', ...all], { stdio: 'ignore' });
  if (!child.pid) throw new Error('could not start sipp');
  const done = new Promise<SippCounts>((resolve) => child.once('exit', (code) => resolve(counts(hostPath(place, stats), code))));
  return {
    pid: child.pid,
    done,
    stop: async (graceMs = 60_000) => {
      if (child.exitCode === null) child.kill('SIGUSR1');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await done;
      clearTimeout(timer);
      return result;
    },
  };
}

/**
 * Citizens do not abort a call on an unexpected message: a prompt's mark (a MESSAGE) can arrive
 * right behind the 200 OK, before SIPp has sent its ACK; it is then ignored, and Asterisk sends it
 * again 500 ms later (SIP's retransmission), when the scenario waits for it.
 */
export function startCitizens(place: SippPlace, r: CitizenRun): SippRun {
  return run(place, r.name, [
    r.target, '-sf', innerPath(place, r.scenario), '-inf', innerPath(place, r.numbers), '-s', r.service, '-p', String(r.sipPort), '-mp', String(r.mediaPort),
    '-r', String(r.rate), '-rp', '1000', '-m', String(r.calls), '-l', String(r.limit), '-default_behaviors', 'all,-abortunexp',
  ]);
}

export function startAgents(place: SippPlace, r: AgentRun): SippRun {
  return run(place, r.name, ['-sf', innerPath(place, r.scenario), '-p', String(r.sipPort), '-mp', String(r.mediaPort)]);
}

/** SIPp processes of a place (each step has its own, beside the agents' one), for the CPU sampler. */
export function sippPidsIn(place: SippPlace): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmd.startsWith('sipp\0') && cmd.includes(place.dir);
      } catch {
        return false;
      }
    });
}

/** SIPp's log of every counted step's calls of a system, from each place (read before the places are cleared). */
export function stepSippLogs(places: readonly SippPlace[], system: string, steps: number): Map<string, SippCallLog> {
  const log = new Map<string, SippCallLog>();
  for (const place of places) {
    for (let index = 1; index <= steps; index += 1) {
      const file = hostPath(place, sippLogFile(`${system}-step${index}`));
      if (fs.existsSync(file)) parseSippLog(fs.readFileSync(file, 'utf8'), log);
    }
  }
  return log;
}

/** Recordings of a benchmark are many and large: none is kept, nor the SIPp files unless `keepTo` names a folder for them. */
export function clearRunFiles(instanceDir: string, place: SippPlace, keepTo: string | null): void {
  const spool = path.join(instanceDir, 'spool');
  for (const dir of ['recording', 'monitor']) fs.rmSync(path.join(spool, dir), { recursive: true, force: true });
  if (keepTo) fs.cpSync(hostPath(place, ''), keepTo, { recursive: true });
  fs.rmSync(hostPath(place, ''), { recursive: true, force: true });
}
