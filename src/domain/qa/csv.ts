// CSV for QA exports, opened by staff in Excel/WPS. RFC 4180 quoting with CRLF after every record.
// Text that a spreadsheet would run as a formula (a caller can say anything that ends up in a
// comment) gets a leading apostrophe. No BOM here: whether Excel needs one is the HTTP layer's call.

export type CsvCell = string | number | null;

// Leading characters that make Excel/WPS/LibreOffice treat a cell as a formula (OWASP CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => `${row.map(cell).join(',')}\r\n`).join('');
}

function cell(value: CsvCell): string {
  // Numbers are data the exporter produced, so -5 stays a number instead of turning into text.
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return quote(FORMULA_START.test(value) ? `'${value}` : value);
}

function quote(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
