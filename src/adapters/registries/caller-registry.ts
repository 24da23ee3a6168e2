// The caller registries as files operators edit: registered elderly numbers and enterprises with
// their contact numbers, read through the one data-file reader (size limit, UTF-8). Reloaded when the
// files change; a file that cannot be read keeps the last good version, a bad row is skipped and reported.
import fs from 'node:fs';
import type { CallerDirectory } from '../../app/ports/caller-directory.js';
import type { CallerInfo, EnterpriseInfo } from '../../domain/callers/caller-info.js';
import { isValidCreditCode } from '../../domain/callers/credit-code.js';
import { normalizePhone } from '../../domain/callers/phone-number.js';
import type { Logger } from '../../logging/logger.js';
import type { DataFileProblemCode } from '../files/data-file-problem.js';
import { readDataText } from '../files/data-text.js';
import { CsvError, parseCsv, type CsvRow } from './csv.js';

export type RegistryProblemCode = 'REGISTRY_FILE_INVALID' | 'REGISTRY_BAD_NUMBER' | 'REGISTRY_BAD_CREDIT_CODE' | 'REGISTRY_DUPLICATE' | DataFileProblemCode;

export interface RegistryProblem {
  readonly file: string;
  /** The CSV line; 0 for the whole file. */
  readonly line: number;
  readonly code: RegistryProblemCode;
  readonly message: string;
}

export interface RegistryFiles {
  readonly elderly: string;
  readonly enterprises: string;
}

interface Tables {
  readonly elderly: ReadonlySet<string>;
  readonly enterprises: ReadonlyMap<string, EnterpriseInfo>;
}

const PHONE = /^\d{5,15}$/;

/** Registries are lists a city keeps in spreadsheets, far longer than the YAML files: 16 MiB each. */
const MAX_REGISTRY_BYTES = 16 * 1024 * 1024;

/** The file's rows through the one data-file reader (size, UTF-8); undefined when the file is unusable. */
function readRows(file: string, columns: readonly string[], problems: RegistryProblem[]): CsvRow[] | undefined {
  const read = readDataText(file, file, MAX_REGISTRY_BYTES);
  if (read.text === undefined) {
    problems.push(...read.problems.map((p) => ({ file, line: 0, code: p.code, message: p.message })));
    return undefined;
  }
  try {
    return parseCsv(read.text, columns);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    problems.push({ file, line: error.line, code: 'REGISTRY_FILE_INVALID', message: error.message });
    return undefined;
  }
}

function elderlyNumbers(file: string, rows: readonly CsvRow[], problems: RegistryProblem[]): Set<string> {
  const numbers = new Set<string>();
  for (const row of rows) {
    const number = normalizePhone(row.fields.number ?? '');
    if (!PHONE.test(number)) problems.push({ file, line: row.line, code: 'REGISTRY_BAD_NUMBER', message: 'not a phone number' });
    else if (numbers.has(number)) problems.push({ file, line: row.line, code: 'REGISTRY_DUPLICATE', message: 'number listed twice' });
    else numbers.add(number);
  }
  return numbers;
}

function enterpriseNumbers(file: string, rows: readonly CsvRow[], problems: RegistryProblem[]): Map<string, EnterpriseInfo> {
  const byNumber = new Map<string, EnterpriseInfo>();
  for (const row of rows) {
    const name = row.fields.name ?? '';
    const creditCode = (row.fields.credit_code ?? '').toUpperCase();
    if (!isValidCreditCode(creditCode)) {
      problems.push({ file, line: row.line, code: 'REGISTRY_BAD_CREDIT_CODE', message: `${name}: invalid unified social credit code` });
      continue;
    }
    for (const raw of (row.fields.contact_numbers ?? '').split(/[;|]/)) {
      const number = normalizePhone(raw);
      if (!PHONE.test(number)) problems.push({ file, line: row.line, code: 'REGISTRY_BAD_NUMBER', message: `${name}: "${raw}" is not a phone number` });
      else if (byNumber.has(number)) problems.push({ file, line: row.line, code: 'REGISTRY_DUPLICATE', message: 'contact number listed for two enterprises' });
      else byNumber.set(number, { name, creditCode });
    }
  }
  return byNumber;
}

/** Reads both files; `tables` is undefined when a file as a whole is unusable. */
export function loadRegistries(files: RegistryFiles): { tables?: Tables; problems: RegistryProblem[] } {
  const problems: RegistryProblem[] = [];
  const elderly = readRows(files.elderly, ['number'], problems);
  const enterprises = readRows(files.enterprises, ['name', 'credit_code', 'contact_numbers'], problems);
  if (!elderly || !enterprises) return { problems };
  const tables = { elderly: elderlyNumbers(files.elderly, elderly, problems), enterprises: enterpriseNumbers(files.enterprises, enterprises, problems) };
  return { tables, problems };
}

export class FileCallerDirectory implements CallerDirectory {
  private tables: Tables = { elderly: new Set(), enterprises: new Map() };
  private readonly watched: string[] = [];
  private readonly reloaded: (() => void)[] = [];

  constructor(
    private readonly files: RegistryFiles,
    private readonly logger: Logger,
  ) {}

  /** Loads now; returns false (and keeps the previous tables) when a file is unusable. */
  reload(): boolean {
    const { tables, problems } = loadRegistries(this.files);
    for (const problem of problems) this.logger.warn({ registryProblem: problem }, 'caller registry problem');
    if (!tables) return false;
    this.tables = tables;
    this.logger.info({ elderly: tables.elderly.size, enterpriseNumbers: tables.enterprises.size }, 'caller registries loaded');
    for (const listener of this.reloaded) listener();
    return true;
  }

  /** Called after each good load (the compiled menus' arrival copies the registries into Asterisk). */
  onReload(listener: () => void): void {
    this.reloaded.push(listener);
  }

  /** Every number either registry holds, with what they know of it. */
  registered(): Map<string, CallerInfo> {
    const all = new Map<string, CallerInfo>();
    for (const number of this.tables.elderly) all.set(number, this.lookup(number));
    for (const number of this.tables.enterprises.keys()) all.set(number, this.lookup(number));
    return all;
  }

  /** Polls the files (fs.watch misses editors that replace files) and reloads on change. */
  watch(intervalMs = 1000): void {
    for (const file of [this.files.elderly, this.files.enterprises]) {
      fs.watchFile(file, { interval: intervalMs, persistent: false }, (current, previous) => {
        if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size) this.reload();
      });
      this.watched.push(file);
    }
  }

  stop(): void {
    for (const file of this.watched.splice(0)) fs.unwatchFile(file);
  }

  lookup(number: string): CallerInfo {
    const normalized = normalizePhone(number);
    return { elderly: this.tables.elderly.has(normalized), enterprise: this.tables.enterprises.get(normalized) ?? null };
  }
}
