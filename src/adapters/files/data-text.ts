// Reads a data file's bytes as text under the size limit: strict UTF-8 (a UTF-8 byte-order mark is
// dropped; GBK or UTF-16, which Chinese spreadsheets often save, is named as such). Never throws.
import fs from 'node:fs';
import { dataFileProblem, type DataFileProblem, type DataFileProblemCode } from './data-file-problem.js';

export interface DataText {
  /** The decoded text, when the file could be read and decoded. */
  readonly text?: string;
  readonly problems: DataFileProblem<DataFileProblemCode>[];
}

// fatal: a wrong byte is an error, not a silent U+FFFD; the UTF-8 BOM is removed by default.
const utf8 = new TextDecoder('utf-8', { fatal: true });

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function readBytes(file: string, maxBytes: number): { bytes?: Buffer; size?: number; error?: string } {
  try {
    // Refused by its size on disk first, so a huge file is never read at all.
    const size = fs.statSync(file).size;
    if (size > maxBytes) return { size };
    const bytes = fs.readFileSync(file);
    return bytes.length > maxBytes ? { size: bytes.length } : { bytes };
  } catch (error) {
    return { error: errorMessage(error) };
  }
}

function isUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

function decode(bytes: Uint8Array, name: string): DataText {
  if (isUtf16(bytes)) return { problems: [dataFileProblem(name, '', 'DATA_FILE_ENCODING_INVALID', 'UTF-16 text (save the file as UTF-8)')] };
  try {
    return { text: utf8.decode(bytes), problems: [] };
  } catch {
    return { problems: [dataFileProblem(name, '', 'DATA_FILE_ENCODING_INVALID', 'not valid UTF-8 text (save the file as UTF-8, e.g. not GBK)')] };
  }
}

/** The file's text, or why it cannot be had; `name` is how problems name the file. */
export function readDataText(file: string, name: string, maxBytes: number): DataText {
  const read = readBytes(file, maxBytes);
  if (read.error !== undefined) return { problems: [dataFileProblem(name, '', 'DATA_FILE_UNREADABLE', `cannot read the file: ${read.error}`)] };
  if (!read.bytes) return { problems: [dataFileProblem(name, '', 'DATA_FILE_TOO_LARGE', `${read.size ?? '?'} bytes; a file may have at most ${maxBytes}`)] };
  return decode(read.bytes, name);
}
