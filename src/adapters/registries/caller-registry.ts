// The caller registries as files operators edit: registered elderly numbers and enterprises with
// their contact numbers. Reloaded when the files change; a file that cannot be read keeps the last
// good version, a bad row is skipped and reported.
import fs from 'node:fs';
import type { CallerDirectory, CallerInfo, EnterpriseInfo } from '../../app/caller-directory.js';
import { isValidCreditCode } from '../../domain/callers/credit-code.js';
import { normalizePhone } from '../../domain/callers/phone-number.js';
import type { Logger } from '../../logging/logger.js';
import { CsvError, parseCsv } from './csv.js';

export type RegistryProblemCode = 'REGISTRY_FILE_INVALID' | 'REGISTRY_BAD_NUMBER' | 'REGISTRY_BAD_CREDIT_CODE' | 'REGISTRY_DUPLICATE';

export interface RegistryProblem {
  readonly file: string;
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

function readElderly(file: string, problems: RegistryProblem[]): Set<string> {
  const numbers = new Set<string>();
  for (const row of parseCsv(fs.readFileSync(file, 'utf8'), ['number'])) {
    const number = normalizePhone(row.fields.number ?? '');
    if (!PHONE.test(number)) problems.push({ file, line: row.line, code: 'REGISTRY_BAD_NUMBER', message: 'not a phone number' });
    else if (numbers.has(number)) problems.push({ file, line: row.line, code: 'REGISTRY_DUPLICATE', message: 'number listed twice' });
    else numbers.add(number);
  }
  return numbers;
}

function readEnterprises(file: string, problems: RegistryProblem[]): Map<string, EnterpriseInfo> {
  const byNumber = new Map<string, EnterpriseInfo>();
  for (const row of parseCsv(fs.readFileSync(file, 'utf8'), ['name', 'credit_code', 'contact_numbers'])) {
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
  try {
    const tables = { elderly: readElderly(files.elderly, problems), enterprises: readEnterprises(files.enterprises, problems) };
    return { tables, problems };
  } catch (error) {
    const line = error instanceof CsvError ? error.line : 0;
    const file = error instanceof CsvError ? '' : String((error as NodeJS.ErrnoException).path ?? '');
    problems.push({ file, line, code: 'REGISTRY_FILE_INVALID', message: (error as Error).message });
    return { problems };
  }
}

export class FileCallerDirectory implements CallerDirectory {
  private tables: Tables = { elderly: new Set(), enterprises: new Map() };
  private readonly watched: string[] = [];

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
    return true;
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
