// Structured JSON logs (pino). Phone numbers are masked wherever they appear under a known key or in
// a message's text, and secrets are never printed. Call lines carry `callId` through child loggers.
import pino, { type Logger } from 'pino';
import { maskPhone, maskPhonesInText } from '../domain/privacy/mask-phone.js';

export type { Logger };

const PHONE_KEYS = ['caller', 'callerNumber', 'from', 'to', 'phone'];
const SECRET_KEYS = ['password', 'secret', 'token', 'authorization', 'ariPassword', 'amiPassword'];

function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1] ?? '';
  if (SECRET_KEYS.includes(key)) return '[redacted]';
  return typeof value === 'string' ? maskPhone(value) : value;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const paths = [...PHONE_KEYS, ...SECRET_KEYS].flatMap((key) => [key, `*.${key}`]);
  return pino(
    {
      level,
      base: { service: 'hotline-cti' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths, censor },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // Free-text messages may quote a number; mask it there too.
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === 'string' ? maskPhonesInText(arg) : arg)) as typeof args;
          method.apply(this, masked);
        },
      },
    },
    destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
