// Start-up failures keep their own codes: a data file's problems its file's code, anything nobody
// recognised STARTUP_FAILED with what it was (once, any failure became CALENDAR_INVALID).
import { describe, expect, it } from 'vitest';
import { DataFileError } from '../../../src/adapters/files/data-file-error.js';
import { StartupError } from '../../../src/boot/startup-error.js';
import { readStartupFile } from '../../../src/boot/startup-file.js';

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('a start-up failure', () => {
  it('nobody recognised is STARTUP_FAILED, saying what it was and during what', () => {
    const cause = new TypeError("Cannot read properties of undefined (reading 'id')");
    const error = StartupError.unrecognised(cause, 'reading fixtures/users.yaml');
    expect(error).toMatchObject({ code: 'STARTUP_FAILED', message: "reading fixtures/users.yaml: TypeError: Cannot read properties of undefined (reading 'id')", cause });
    expect(StartupError.unrecognised('a string', 'starting').message).toBe('starting: a string');
  });

  it('that is already a StartupError stays as it is', () => {
    const known = new StartupError('PBX_UNREACHABLE', 'ARI did not answer');
    expect(StartupError.unrecognised(known, 'starting')).toBe(known);
  });
});

describe('reading a data file at start-up', () => {
  it("gives the loader's value", () => {
    expect(readStartupFile('USERS_INVALID', 'users.yaml', () => 42)).toBe(42);
  });

  it("turns the file's problems into its own code, with every problem in the message", () => {
    const problems = [{ file: 'calendar/2026.yaml', path: 'holidays[0].dates', code: 'CALENDAR_BAD_DATE', message: 'not a date' }];
    const error = thrownBy(() => readStartupFile('CALENDAR_INVALID', 'calendar', () => { throw new DataFileError(problems); }));
    expect(error).toMatchObject({ code: 'CALENDAR_INVALID', message: expect.stringContaining('calendar/2026.yaml:holidays[0].dates CALENDAR_BAD_DATE not a date') });
  });

  it("never files another failure under the file's code", () => {
    const error = thrownBy(() => readStartupFile('CALENDAR_INVALID', 'fixtures/calendar', () => { throw new RangeError('Maximum call stack size exceeded'); }));
    expect(error).toBeInstanceOf(StartupError);
    expect(error).toMatchObject({ code: 'STARTUP_FAILED', message: 'reading fixtures/calendar: RangeError: Maximum call stack size exceeded' });
  });
});
