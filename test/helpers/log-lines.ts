// A logger whose lines a test can read back (the production logger, with its masking and redaction).
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logging/logger.js';

export interface CapturedLog {
  readonly logger: Logger;
  /** Every line written so far, as written (JSON text). */
  text(): string;
  lines(): Record<string, unknown>[];
}

export function capturedLog(level = 'debug'): CapturedLog {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger(level, stream);
  const text = (): string => chunks.join('');
  return { logger, text, lines: () => text().trim().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>) };
}
