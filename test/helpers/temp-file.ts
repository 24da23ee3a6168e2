// A file with the given text in a fresh temporary folder, for the loaders' tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function writeTempFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-messages-')), name);
  fs.writeFileSync(file, text);
  return file;
}
