// SIPp processes of a run: citizens placing calls at a rate (UAC) and the agents' phones answering
// every call Asterisk sends them (UAS). Each writes SIPp's statistics file once a second; the
// figures that count are read from its last line when the process ends.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

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
  readonly scenarioFile: string;
  readonly numbersFile: string;
  readonly target: string;
  readonly service: string;
  readonly sipPort: number;
  readonly mediaPort: number;
  readonly rate: number;
  readonly calls: number;
  readonly limit: number;
  readonly statFile: string;
  readonly errorFile: string;
}

export interface AgentRun {
  readonly scenarioFile: string;
  readonly sipPort: number;
  readonly mediaPort: number;
  readonly statFile: string;
  readonly errorFile: string;
}

// A loaded machine delays SIPp's own timers; its watchdog would end the run it is measuring.
const COMMON = ['-i', '127.0.0.1', '-aa', '-nostdin', '-trace_stat', '-fd', '1', '-trace_err', '-watchdog_minor_maxtriggers', '1000000', '-watchdog_major_maxtriggers', '1000000'];

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

function run(args: readonly string[], statFile: string): SippRun {
  const child: ChildProcess = spawn('sipp', [...args], { stdio: 'ignore' });
  if (!child.pid) throw new Error('could not start sipp (is the sip-tester package installed?)');
  const done = new Promise<SippCounts>((resolve) => child.once('exit', (code) => resolve(counts(statFile, code))));
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

export function startCitizens(r: CitizenRun): SippRun {
  return run(
    [
      r.target, '-sf', r.scenarioFile, '-inf', r.numbersFile, '-s', r.service, '-p', String(r.sipPort), '-mp', String(r.mediaPort),
      '-r', String(r.rate), '-rp', '1000', '-m', String(r.calls), '-l', String(r.limit),
      '-stf', r.statFile, '-error_file', r.errorFile, ...COMMON,
    ],
    r.statFile,
  );
}

export function startAgents(r: AgentRun): SippRun {
  return run(['-sf', r.scenarioFile, '-p', String(r.sipPort), '-mp', String(r.mediaPort), '-stf', r.statFile, '-error_file', r.errorFile, ...COMMON], r.statFile);
}
