// npm run flows:check -- [dir] [--queues <file>] [--sounds <dir>] [--flows-only]
// Checks a flow directory (ivr-flows/ by default): exits 0 and prints `ok: N flows` when every flow is
// valid; otherwise exits 1 and prints one line per problem as `file:path CODE message`. The prompts the
// server plays itself (queue announcements) are checked too, unless --flows-only (a set not served as is).
import { QUEUE_PROMPTS } from '../src/domain/calls/queue-announcement.js';
import { parseArgs } from 'node:util';
import { formatProblem, loadFlowDir } from '../src/adapters/flows/flow-loader.js';

const usage = 'usage: flows-check [dir] [--queues <file>] [--sounds <dir>] [--flows-only]';

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { queues: { type: 'string' }, sounds: { type: 'string' }, 'flows-only': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (args.values.help || args.positionals.length > 1) {
    console.error(usage);
    return args.values.help ? 0 : 2;
  }
  const dir = args.positionals[0] ?? 'ivr-flows';
  const result = loadFlowDir(dir, {
    queues: { file: args.values.queues ?? 'fixtures/queues.yaml' },
    ...(args.values['flows-only'] ? {} : { systemPrompts: QUEUE_PROMPTS }),
    ...(args.values.sounds === undefined ? {} : { soundsDir: args.values.sounds }),
  });
  if (result.flowSet && result.problems.length === 0) {
    console.log(`ok: ${result.flowSet.flows.size} flows`);
    return 0;
  }
  for (const problem of result.problems) console.log(formatProblem(problem));
  return 1;
}

process.exitCode = main(process.argv.slice(2));
