// Events Asterisk is told never to make (manager.conf disabledevents, stasis.conf declines, CEL's
// AMI events off) must never include one the server reads: a disabled event does not arrive, and
// nothing says so.
import { describe, expect, it } from 'vitest';
import { asteriskTemplate as etc, settingLines as settings } from '../../helpers/asterisk-templates.js';

const value = (lines: string[], key: string): string | undefined => lines.find((line) => line.startsWith(`${key} `) || line.startsWith(`${key}=`))?.split('=').slice(1).join('=').trim();

/** The event names of `eventfilter = Event: (A|B|C)`, the only events the hotline's AMI user is sent. */
function filteredEvents(lines: string[]): string[] {
  const filter = value(lines, 'eventfilter') ?? '';
  const names = /^Event: \(([A-Za-z|]+)\)$/.exec(filter)?.[1];
  if (names === undefined) throw new Error(`unexpected eventfilter: ${filter}`);
  return names.split('|');
}

describe('AMI and Stasis events turned off in Asterisk', () => {
  const manager = settings(etc('manager.conf'));
  const disabled = (value(manager, 'disabledevents') ?? '').split(',').map((name) => name.trim());

  it('disables no event the server reads, and the busiest unread ones', () => {
    const read = filteredEvents(manager);
    expect(read).toEqual(expect.arrayContaining(['Newchannel', 'Hangup', 'Cdr', 'DeviceStateChange', 'QueueMemberStatus']));
    expect(disabled.filter((name) => read.includes(name))).toEqual([]);
    expect(disabled).toEqual(expect.arrayContaining(['VarSet', 'Newexten', 'TestEvent', 'RTCPSent', 'CEL']));
    expect(new Set(disabled).size).toBe(disabled.length);
    for (const name of disabled) expect(name).toMatch(/^[A-Z][A-Za-z]+$/);
  });

  it('declines only Stasis messages nobody here reads: RTCP reports and test-suite events', () => {
    const stasis = settings(etc('stasis.conf'));
    expect(stasis).toContain('[declined_message_types]');
    const declined = stasis.filter((line) => line.startsWith('decline')).map((line) => line.split('=')[1]?.trim());
    expect(declined.sort()).toEqual(['ast_rtp_rtcp_received_type', 'ast_rtp_rtcp_sent_type', 'ast_test_suite_message_type']);
  });

  it("keeps CEL's records in its file and sends none over AMI", () => {
    const cel = settings(etc('cel.conf'));
    expect(value(cel, 'enable')).toBe('yes');
    expect(cel).toContain('[manager]');
    expect(cel.slice(cel.indexOf('[manager]'))).toContain('enabled = no');
  });
});
