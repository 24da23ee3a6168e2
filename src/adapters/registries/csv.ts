// A small CSV reader for the registries operators keep in spreadsheets: a header row, commas,
// double-quoted fields with "" for a quote. Errors carry the line number.

export interface CsvRow {
  readonly line: number;
  readonly fields: Readonly<Record<string, string>>;
}

export class CsvError extends Error {
  readonly code = 'CSV_INVALID';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

function splitLine(text: string, line: number): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        current += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"' && current === '') quoted = true;
    else if (char === ',') {
      fields.push(current.trim());
      current = '';
    } else current += char;
  }
  if (quoted) throw new CsvError(line, 'unterminated quoted field');
  fields.push(current.trim());
  return fields;
}

export function parseCsv(text: string, required: readonly string[]): CsvRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitLine(lines[0] ?? '', 1);
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) throw new CsvError(1, `missing column(s) ${missing.join(', ')}`);
  const rows: CsvRow[] = [];
  lines.slice(1).forEach((raw, index) => {
    const line = index + 2;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const values = splitLine(raw, line);
    if (values.length > header.length) throw new CsvError(line, `${values.length} fields, header has ${header.length}`);
    rows.push({ line, fields: Object.fromEntries(header.map((name, i) => [name, values[i] ?? ''])) });
  });
  return rows;
}
