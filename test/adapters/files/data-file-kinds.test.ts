// Every kind of data file goes through the one loader: each is refused the same way (too large, not
// UTF-8, too many aliases, a YAML mistake) with the file and the path of the problem, under its own
// start-up code; each is read with a UTF-8 byte-order mark. A failure that is no file's is STARTUP_FAILED.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFileError } from '../../../src/adapters/files/data-file-error.js';
import { loadRegistries } from '../../../src/adapters/registries/caller-registry.js';
import { loadBackOfficeFiles } from '../../../src/boot/back-office-files.js';
import { loadCallFiles } from '../../../src/boot/call-files.js';
import { StartupError } from '../../../src/boot/startup-error.js';
import { loadTaxonomy } from '../../../src/boot/taxonomy.js';
import { loadTemplatesAtStart } from '../../../src/boot/text-messages.js';
import { loadConfig, type Config } from '../../../src/config.js';
import { createLogger } from '../../../src/logging/logger.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-kinds-'));
  dirs.push(dir);
  return dir;
}

const logger = createLogger('silent');
const GBK = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const ALIASES = `zz-anchor: &x 1\nzz-aliases: [${Array(101).fill('*x').join(', ')}]\n`;

/** Reads every start-up file with the settings given; the taxonomy first, as the server does. */
function loadAll(config: Config): void {
  const taxonomy = loadTaxonomy(config);
  loadBackOfficeFiles(config, taxonomy);
  loadCallFiles(config, { ari: config.ari, ami: config.ami }, logger).flows.stop();
  loadTemplatesAtStart(config);
}

interface Kind {
  readonly name: string;
  readonly code: string;
  /** Copies the shipped file (or folder) to a temporary place; the settings and the file to spoil. */
  setUp(dir: string): { env: Record<string, string>; file: string; reported: string };
  /** How the problems name a path inside this kind of file (the flows write indexes with dots). */
  readonly index: (key: string, i: number) => string;
  /** Codes as this kind reports them (the flows have FLOW_* codes of their own). */
  readonly codes: Record<'large' | 'encoding' | 'aliases' | 'yaml', string>;
}

const DATA_CODES = { large: 'DATA_FILE_TOO_LARGE', encoding: 'DATA_FILE_ENCODING_INVALID', aliases: 'DATA_FILE_TOO_MANY_ALIASES', yaml: 'DATA_FILE_YAML_INVALID' };
const bracket = (key: string, i: number) => `${key}[${i}]`;

function fileKind(name: string, code: string, variable: string, shipped: string): Kind {
  return {
    name,
    code,
    index: bracket,
    codes: DATA_CODES,
    setUp: (dir) => {
      const file = path.join(dir, path.basename(shipped));
      fs.copyFileSync(shipped, file);
      return { env: { [variable]: file }, file, reported: file };
    },
  };
}

const KINDS: Kind[] = [
  fileKind('categories', 'CATEGORIES_INVALID', 'HOTLINE_CATEGORIES_FILE', 'fixtures/categories.yaml'),
  fileKind('users', 'USERS_INVALID', 'HOTLINE_USERS_FILE', 'fixtures/users.yaml'),
  fileKind('dispatch rules', 'DISPATCH_RULES_INVALID', 'HOTLINE_DISPATCH_RULES_FILE', 'fixtures/dispatch-rules.yaml'),
  fileKind('responsibility lists', 'RESPONSIBILITIES_INVALID', 'HOTLINE_RESPONSIBILITIES_FILE', 'fixtures/knowledge/responsibilities.yaml'),
  fileKind('QA forms', 'QA_FORMS_INVALID', 'HOTLINE_QA_FORMS_FILE', 'fixtures/qa-forms.yaml'),
  fileKind('queues', 'ACD_CONFIG_INVALID', 'HOTLINE_QUEUES_FILE', 'fixtures/queues.yaml'),
  fileKind('agents', 'ACD_CONFIG_INVALID', 'HOTLINE_AGENTS_FILE', 'fixtures/agents.yaml'),
  fileKind('text-message templates', 'SMS_TEMPLATES_INVALID', 'HOTLINE_SMS_TEMPLATES_FILE', 'fixtures/sms-templates.yaml'),
  {
    name: 'calendar year',
    code: 'CALENDAR_INVALID',
    index: bracket,
    codes: DATA_CODES,
    setUp: (dir) => {
      fs.cpSync('fixtures/calendar', dir, { recursive: true });
      const file = path.join(dir, '2026.yaml');
      return { env: { HOTLINE_CALENDAR_DIR: dir }, file, reported: file };
    },
  },
  {
    name: 'flow',
    code: 'FLOWS_INVALID',
    index: (key, i) => `${key}.${i}`,
    codes: { large: 'FLOW_TOO_LARGE', encoding: 'FLOW_ENCODING_INVALID', aliases: 'FLOW_YAML_INVALID', yaml: 'FLOW_YAML_INVALID' },
    setUp: (dir) => {
      fs.cpSync('ivr-flows', dir, { recursive: true });
      return { env: { HOTLINE_FLOWS_DIR: dir }, file: path.join(dir, 'main.yaml'), reported: 'main.yaml' };
    },
  },
];

function refusal(kind: Kind, spoil: (file: string) => void): { code: string; problems: string[] } {
  const { env, file, reported } = kind.setUp(tempDir());
  spoil(file);
  try {
    loadAll(loadConfig(env));
  } catch (error) {
    if (!(error instanceof StartupError) || !(error.cause instanceof DataFileError)) throw error;
    const problems = error.cause.problems.filter((p) => p.file === reported).map((p) => `${p.path} ${p.code}`);
    return { code: error.code, problems };
  }
  throw new Error(`the spoiled ${kind.name} file was accepted`);
}

describe.each(KINDS)('a $name file', (kind) => {
  const append = (extra: string | Buffer) => (file: string) => fs.appendFileSync(file, extra);

  it('over the size limit is refused before it is read', () => {
    expect(refusal(kind, append(`# ${'x'.repeat(1024 * 1024)}\n`))).toEqual({ code: kind.code, problems: [` ${kind.codes.large}`] });
  });

  it('that is not UTF-8 is refused', () => {
    expect(refusal(kind, append(Buffer.concat([Buffer.from('# '), GBK, Buffer.from('\n')])))).toEqual({ code: kind.code, problems: [` ${kind.codes.encoding}`] });
  });

  it('with more aliases than the limit is refused at the first one over it', () => {
    expect(refusal(kind, append(ALIASES))).toEqual({ code: kind.code, problems: [`${kind.index('zz-aliases', 100)} ${kind.codes.aliases}`] });
  });

  it('with a YAML mistake is refused, naming where', () => {
    expect(refusal(kind, append('zz-broken: "never closed\n'))).toEqual({ code: kind.code, problems: [`zz-broken ${kind.codes.yaml}`] });
  });

  it('saved with a UTF-8 byte-order mark is read', () => {
    const { env, file } = kind.setUp(tempDir());
    fs.writeFileSync(file, Buffer.concat([BOM, fs.readFileSync(file)]));
    expect(() => loadAll(loadConfig(env))).not.toThrow();
  });
});

describe('a caller registry (CSV)', () => {
  function registryWith(content: Buffer | string) {
    const file = path.join(tempDir(), 'elderly.csv');
    fs.writeFileSync(file, content);
    const { tables, problems } = loadRegistries({ elderly: file, enterprises: 'fixtures/enterprises.csv' });
    return { tables, problems: problems.map((p) => `${p.file === file ? 'elderly.csv' : p.file}:${p.line} ${p.code}`) };
  }

  it('over its size limit, or not UTF-8, is unusable as a whole', () => {
    expect(registryWith(Buffer.alloc(16 * 1024 * 1024 + 1, 0x31)).problems).toEqual(['elderly.csv:0 DATA_FILE_TOO_LARGE']);
    expect(registryWith(Buffer.concat([Buffer.from('number,note\n13900000065,'), GBK, Buffer.from('\n')])).problems).toEqual(['elderly.csv:0 DATA_FILE_ENCODING_INVALID']);
  });

  it('with a CSV mistake is unusable, naming the file and the line', () => {
    expect(registryWith('number,note\n13900000065,"never closed\n').problems).toEqual(['elderly.csv:2 REGISTRY_FILE_INVALID']);
  });

  it('saved with a UTF-8 byte-order mark is read', () => {
    const read = registryWith(Buffer.concat([BOM, Buffer.from('number\n13900000065\n')]));
    expect(read.problems).toEqual([]);
    expect([...(read.tables?.elderly ?? [])]).toEqual(['13900000065']);
  });
});

describe('a start-up failure that is no data file’s', () => {
  it('is STARTUP_FAILED with what it was, not the code of a file read before it', async () => {
    const dir = tempDir();
    const config = loadConfig({ HOTLINE_DB_FILE: dir, HOTLINE_HTTP_PORT: '0' });
    // Imported here: the whole server's graph is not needed by the tests of the files above.
    const { startServer } = await import('../../../src/main.js');
    const started = startServer(config, { logger, pbx: { ari: { ...config.ari, url: 'http://127.0.0.1:9' }, ami: config.ami } });
    await expect(started).rejects.toBeInstanceOf(StartupError);
    await expect(started).rejects.toMatchObject({ code: 'STARTUP_FAILED', message: expect.stringMatching(/^the server could not start: \w*Error: /) });
  });
});
