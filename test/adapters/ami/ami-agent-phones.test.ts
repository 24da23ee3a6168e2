// The AMI client as app's AgentPhoneEvents port: the device states of a real capture reach the
// listener as softphone statuses (other devices do not), the DeviceStateList is read as phones,
// and the link coming up is told.
import { afterEach, describe, expect, it } from 'vitest';
import type { PhoneStatus } from '../../../src/app/ports/phone-events.js';
import { nextEmit, readTrace, startHarness, stopHarness, waitUntil, type Harness } from './client-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await stopHarness(h);
  h = undefined;
});

/** Device states of queues and Local channels from the real app_queue capture: none is a softphone. */
const otherDevices = readTrace('ami-queue-call.jsonl').filter((line) => line.message['Event'] === 'DeviceStateChange');
/** As Asterisk 22 sends a softphone's changes (captured in ../shared/asterisk-traces/ami-pjsip-citizen-dtmf.jsonl). */
const softphone = (state: string): string => `Event: DeviceStateChange\r\nPrivilege: call,all\r\nDevice: PJSIP/citizen1\r\nState: ${state}\r\n\r\n`;

describe('AmiClient as the agents’ phones', () => {
  it('tells each softphone state change, and the link coming up', async () => {
    h = await startHarness();
    const statuses: PhoneStatus[] = [];
    let linkUps = 0;
    h.client.onPhoneStatus((status) => statuses.push(status));
    h.client.onLinkUp(() => (linkUps += 1));
    const up = nextEmit(h.client, 'connected');
    h.client.start();
    await up;
    expect(linkUps).toBe(1);
    for (const line of otherDevices) h.server.broadcast(line.raw);
    h.server.broadcast(softphone('INUSE'));
    h.server.broadcast(softphone('UNAVAILABLE'));
    await waitUntil(() => statuses.length === 2);
    expect(otherDevices.length).toBeGreaterThan(0);
    expect(statuses).toEqual([
      { phone: 'citizen1', reachable: true, detail: 'INUSE' },
      { phone: 'citizen1', reachable: false, detail: 'UNAVAILABLE' },
    ]);
  });

  it('reads the device state list as the softphones known now', async () => {
    h = await startHarness();
    const up = nextEmit(h.client, 'connected');
    h.client.start();
    await up;
    h.server.handle('DeviceStateList', (fields, reply) => {
      const id = fields['actionid'] ?? '';
      const item = (device: string, state: string): string => `Event: DeviceStateChange\r\nActionID: ${id}\r\nDevice: ${device}\r\nState: ${state}\r\n\r\n`;
      reply(
        `Response: Success\r\nActionID: ${id}\r\nEventList: start\r\nMessage: Device State Changes will follow\r\n\r\n` +
          item('PJSIP/agent-a1', 'NOT_INUSE') +
          item('Queue:citizen', 'NOT_INUSE') +
          item('PJSIP/agent-a2', 'UNAVAILABLE') +
          `Event: DeviceStateListComplete\r\nActionID: ${id}\r\nEventList: Complete\r\nListItems: 3\r\n\r\n`,
      );
    });
    expect(await h.client.phoneStatuses()).toEqual([
      { phone: 'agent-a1', reachable: true, detail: 'NOT_INUSE' },
      { phone: 'agent-a2', reachable: false, detail: 'UNAVAILABLE' },
    ]);
  });
});
