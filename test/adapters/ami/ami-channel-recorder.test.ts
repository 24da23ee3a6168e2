// The AMI actions of the recorder on the caller's channel, and how it reads their answers. On the
// real Asterisk it records in test/pbx/acd-agents.test.ts and is read back at a takeover in
// test/pbx/restart-recovery.test.ts; here the answers a live PBX gives only by chance.
import { describe, expect, it } from 'vitest';
import { AmiChannelRecorder, recordingOfMixMonitorFile } from '../../../src/adapters/ami/ami-channel-recorder.js';
import { AmiError } from '../../../src/adapters/ami/ami-error.js';
import type { AmiMessage } from '../../../src/adapters/ami/ami-message.js';

function recorderAnswering(answer: (fields: Record<string, string>) => AmiMessage | AmiError, connected = true): { recorder: AmiChannelRecorder; sent: Record<string, string>[] } {
  const sent: Record<string, string>[] = [];
  const ami = {
    isConnected: connected,
    action: async (fields: Record<string, string>): Promise<AmiMessage> => {
      sent.push(fields);
      const result = answer(fields);
      if (result instanceof AmiError) throw result;
      return result;
    },
  };
  return { recorder: new AmiChannelRecorder(ami), sent };
}

describe('the recorder on the caller\'s channel', () => {
  it('writes the recording beside ARI\'s, named as the ticket names it', async () => {
    const { recorder, sent } = recorderAnswering(() => ({ response: 'Success' }));
    await recorder.start('1733400000.42', 'call-1733400000_42');
    expect(sent).toEqual([{ Action: 'MixMonitor', Channel: '1733400000.42', File: '../recording/call-1733400000_42.wav' }]);
  });

  it('counts only Asterisk\'s own error as refused: a time-out or a link lost in flight may have started it', () => {
    const { recorder } = recorderAnswering(() => ({}));
    expect(recorder.refused(new AmiError('AMI_ACTION_FAILED', 'Permission denied'))).toBe(true);
    expect(recorder.refused(new AmiError('AMI_TIMEOUT', 'timed out'))).toBe(false);
    expect(recorder.refused(new AmiError('AMI_NOT_CONNECTED', 'AMI link lost'))).toBe(false);
  });

  it('is unavailable while AMI is down', () => {
    expect(recorderAnswering(() => ({}), false).recorder.available()).toBe(false);
    expect(recorderAnswering(() => ({}), true).recorder.available()).toBe(true);
  });

  it('treats a channel gone or no longer recorded as stopped, and passes a lost link on', async () => {
    const gone = recorderAnswering(() => new AmiError('AMI_ACTION_FAILED', 'No such channel'));
    await expect(gone.recorder.stop('1733400000.42')).resolves.toBeUndefined();
    expect(gone.sent).toEqual([{ Action: 'StopMixMonitor', Channel: '1733400000.42' }]);
    const down = recorderAnswering(() => new AmiError('AMI_NOT_CONNECTED', 'AMI is not connected'));
    await expect(down.recorder.stop('1733400000.42')).rejects.toMatchObject({ code: 'AMI_NOT_CONNECTED' });
  });

  it('reads the recording back from a channel\'s MIXMONITOR_FILENAME, and nothing from a file of another kind', () => {
    expect(recordingOfMixMonitorFile('/var/spool/asterisk/monitor/../recording/call-1733400000_42.wav')).toBe('call-1733400000_42');
    // Someone's own MixMonitor is not this server's recording.
    expect(recordingOfMixMonitorFile('/var/spool/asterisk/monitor/other.wav')).toBeNull();
  });
});
