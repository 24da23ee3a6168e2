// npm run call -- --from 13800001111 [--to 12345] [--dtmf "1,w2,0"] [--hold 10] [--json] [--user supervisor] [--pbx cluster-2]
// --pbx names the local Asterisk instance to call into (default HOTLINE_PBX_INSTANCE: `npm start`'s).
// The ticket is read as --user with --password (defaults: the demo supervisor of fixtures/users.yaml).
// Places a citizen call through the real Asterisk and prints what the caller experienced, then the
// ticket the hotline opened for it.
import { parseArgs } from 'node:util';
import { AriClient } from '../src/adapters/ari/ari-client.js';
import { ConfigError, loadConfig, missingExternalSettings, type Config } from '../src/config.js';
import { readRuntime } from '../src/local-pbx/index.js';
import { createLogger } from '../src/logging/logger.js';
import { CitizenCaller, DtmfPlanError, parseDtmfPlan, type CallerEvent } from '../src/tools/citizen-caller.js';
import { fetchTicket, signIn } from '../src/tools/ticket-lookup.js';

interface Options {
  readonly from: string;
  readonly to: string;
  readonly dtmf: string | undefined;
  readonly hold: number;
  readonly json: boolean;
  readonly server: string;
  readonly requireServer: boolean;
  readonly user: string;
  readonly password: string;
  /** The local Asterisk instance the call goes into (one of `npm run cluster`'s, say). */
  readonly pbx: string;
}

class UsageError extends Error {
  readonly code = 'USAGE';
}

function readOptions(config: Config): Options {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      dtmf: { type: 'string' },
      hold: { type: 'string' },
      json: { type: 'boolean', default: false },
      server: { type: 'string' },
      'no-server': { type: 'boolean', default: false },
      user: { type: 'string' },
      password: { type: 'string' },
      pbx: { type: 'string' },
    },
    strict: true,
  });
  if (!values.from || !/^\+?\d{3,20}$/.test(values.from)) throw new UsageError('--from <caller number> is required (digits only)');
  const to = values.to ?? config.entryNumber;
  if (!/^\d{3,20}$/.test(to)) throw new UsageError('--to must be the dialed number (digits)');
  const hold = values.hold === undefined ? 15 : Number(values.hold);
  if (!Number.isFinite(hold) || hold < 0 || hold > 3600) throw new UsageError('--hold must be seconds between 0 and 3600');
  if (values.dtmf) parseDtmfPlan(values.dtmf);
  if (values.pbx !== undefined && !/^[a-z][a-z0-9-]{0,31}$/.test(values.pbx)) throw new UsageError('--pbx must name a local Asterisk instance (lower-case letters, digits and dashes)');
  const host = config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host;
  return {
    from: values.from,
    to,
    dtmf: values.dtmf,
    hold,
    json: values.json ?? false,
    server: values.server ?? `http://${host}:${config.http.port}`,
    requireServer: !values['no-server'],
    user: values.user ?? 'supervisor',
    password: values.password ?? 'hotline-demo',
    pbx: values.pbx ?? config.localPbx.instance,
  };
}

function ariSettings(config: Config, instance: string): { url: string; user: string; password: string } {
  if (config.pbxMode === 'external') {
    const missing = missingExternalSettings(config).filter((name) => name.startsWith('HOTLINE_ARI'));
    if (missing.length > 0) throw new UsageError(`Missing ${missing.join(', ')}`);
    return config.ari;
  }
  const runtime = readRuntime({ ...config.localPbx, instance });
  if (!runtime) throw Object.assign(new Error(`The local Asterisk "${instance}" is not running: start it with npm start or npm run pbx:up`), { code: 'PBX_NOT_RUNNING' });
  return runtime.ari;
}

function describe(event: CallerEvent): string {
  switch (event.event) {
    case 'dialing':
      return `dialing ${event.to} from ${event.from} (call ${event.callId})`;
    case 'connected':
      return 'connected';
    case 'prompt':
      return `prompt: ${event.prompt}`;
    case 'prompt_finished':
      return `prompt finished: ${event.prompt} (${event.state})`;
    case 'key':
      return `pressed ${event.key}`;
    case 'queued':
      return `queued in ${event.queue}`;
    case 'answered':
      return `answered by agent ${event.agent}`;
    case 'hangup':
      return `hung up by the ${event.by}${event.cause === null ? '' : ` (cause ${event.cause})`}`;
    case 'ticket':
      return `ticket ${event.number}${event.path ? `\n  IVR path: ${event.path}` : ''}`;
    case 'error':
      return `error ${event.code}: ${event.message}`;
  }
}

async function serverUp(server: string): Promise<boolean> {
  try {
    const response = await fetch(`${server}/health`, { signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const config = loadConfig();
  const options = readOptions(config);
  const print = (event: CallerEvent): void => console.log(options.json ? JSON.stringify(event) : describe(event));
  const fail = (code: string, message: string): number => {
    print({ event: 'error', code, message, at: Date.now() });
    return 1;
  };
  if (options.requireServer && !(await serverUp(options.server))) {
    return fail('SERVER_UNREACHABLE', `The hotline server does not answer at ${options.server}: start it with npm start (or pass --no-server)`);
  }
  const token = options.requireServer ? await signIn(options.server, options.user, options.password) : null;
  if (options.requireServer && token === null) return fail('SERVER_SIGN_IN_REFUSED', `The hotline server refused to sign in ${options.user}: pass --user and --password`);
  const app = `citizen-sim-${process.pid}`;
  const ari = new AriClient({ ...ariSettings(config, options.pbx), app, logger: createLogger('silent') });
  ari.start();
  const up = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 5000);
    ari.once('connected', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!up) {
    await ari.stop();
    return fail('PBX_UNREACHABLE', 'Asterisk ARI does not answer: start it with npm start or npm run pbx:up');
  }
  try {
    const caller = new CitizenCaller(ari, app);
    const outcome = await caller.call({ from: options.from, to: options.to, dtmf: options.dtmf, holdSeconds: options.hold }, print);
    if (outcome.events.some((event) => event.event === 'error')) return 1;
    if (token === null) return 0;
    const ticket = await fetchTicket(options.server, outcome.callId, 10_000, token);
    if (!ticket) return fail('NO_TICKET', `No ticket was opened for call ${outcome.callId}`);
    print({ event: 'ticket', number: ticket.number, callId: outcome.callId, ...(ticket.path ? { path: ticket.path } : {}), at: Date.now() });
    return 0;
  } finally {
    await ari.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const code = error instanceof UsageError || error instanceof ConfigError || error instanceof DtmfPlanError ? error.code : ((error as { code?: string }).code ?? 'CALL_FAILED');
    console.error(`${code}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(code === 'USAGE' || code === 'DTMF_PLAN_INVALID' ? 2 : 1);
  },
);
