// Runs espeak-ng or sox without blocking the event loop (Asterisk drops an ARI client that stalls),
// killed at a deadline; failures become SpeechErrors with their codes.
import { spawn } from 'node:child_process';
import { SpeechError } from './speech-error.js';

/** Runs a command to its end, with `input` on its stdin; rejects at `deadline` (epoch ms) or on failure. */
export function runSpeechTool(command: string, args: readonly string[], input: string | null, deadline: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    let settled = false;
    const settle = (error: SpeechError | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(new SpeechError('SPEECH_TIMEOUT', `${command} did not finish in time`));
    }, Math.max(0, deadline - Date.now()));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 600) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') settle(new SpeechError('SPEECH_TOOL_MISSING', `${command} is not installed: apt-get install -y espeak-ng sox`));
      else settle(new SpeechError('SPEECH_FAILED', `${command} could not run: ${error.message}`));
    });
    child.on('close', (code) => settle(code === 0 ? null : new SpeechError('SPEECH_FAILED', `${command} failed (${code}): ${stderr.trim().slice(0, 300)}`)));
    // A tool that exits before reading its input closes the pipe: that shows as its exit code.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? undefined);
  });
}
