// Asterisk's channel events file: configured to write the columns the server reads, where the
// local runner says it is, and rotated before it grows without end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CEL_FIELDS } from '../../../src/adapters/cel/cel-line.js';
import { CALL_EVENTS_FILE, pbxLayout } from '../../../src/local-pbx/pbx-layout.js';
import { rotateCallEvents } from '../../../src/local-pbx/call-events-file.js';
import { testPbxSettings } from '../../helpers/test-pbx-settings.js';
import { asteriskTemplate as etc, settingLines as settings } from '../../helpers/asterisk-templates.js';

describe("Asterisk's channel events file", () => {
  it('is written by cel_custom with the columns the reader parses, in that order, to the file the runner names', () => {
    const celCustom = settings(etc('cel_custom.conf'));
    expect(celCustom).toContain(`[${path.basename(CALL_EVENTS_FILE)}]`);
    expect(celCustom).toContain(`fields = ${CEL_FIELDS}`);
    expect(path.dirname(CALL_EVENTS_FILE)).toBe('cel-custom');
    expect(pbxLayout(testPbxSettings()).callEventsFile.endsWith(path.join('log', CALL_EVENTS_FILE))).toBe(true);
    expect(settings(etc('modules.conf'))).toEqual(expect.arrayContaining(['load = res_cdrel_custom.so', 'load = cel_custom.so']));
  });

  it('records the events the reader needs, with times in seconds since the epoch', () => {
    const cel = settings(etc('cel.conf'));
    const events = cel.find((line) => line.startsWith('events'))?.split('=')[1]?.split(',').map((name) => name.trim());
    expect(events).toEqual(expect.arrayContaining(['BRIDGE_ENTER', 'BRIDGE_EXIT', 'HANGUP']));
    expect(cel.some((line) => line.startsWith('dateformat'))).toBe(false);
  });

  it('is rotated once it passes its size, keeping the one before', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cel-rotate-')), 'hotline-cel.csv');
    expect(rotateCallEvents(file, 10)).toBe(false);
    fs.writeFileSync(file, 'x'.repeat(10));
    expect(rotateCallEvents(file, 10)).toBe(false);
    fs.writeFileSync(`${file}.1`, 'older');
    fs.appendFileSync(file, 'more');
    expect(rotateCallEvents(file, 10)).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readFileSync(`${file}.1`, 'utf8')).toBe('x'.repeat(10) + 'more');
  });
});
