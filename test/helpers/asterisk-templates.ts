// The Asterisk configuration templates of asterisk-docker/etc, read as the tests check them.
import fs from 'node:fs';
import path from 'node:path';

/** The text of one template, as shipped (placeholders not yet filled in). */
export const asteriskTemplate = (name: string): string => fs.readFileSync(path.join('asterisk-docker', 'etc', name), 'utf8');

/** The lines that set something: trimmed, without blank lines and `;` comments. */
export const settingLines = (text: string): string[] => text.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith(';'));
