// A conversation recorded by MixMonitor on a channel of the call (a supervisor's leg, a line's caller,
// an agent's leg dialed straight into the application), asked for through AMI. MixMonitor
// hangs an audiohook on the channel: no new channel, no Stasis arrival, no second request, so the
// recording begins when the one action is answered (a snoop made a channel that had to enter the
// application before it could be told to record, and under load that began recordings late).
import type { AmiCallActions } from './ami-client.js';
import { AmiError } from './ami-error.js';

/** What the telephony adapter asks of a recorder that works on the channel itself. */
export interface ChannelRecorder {
  /** False while it cannot be asked (its link is down): the caller then records another way. */
  readonly available: () => boolean;
  /** Starts writing `name`.wav beside the ARI recordings (both directions mixed). */
  start(channelId: string, name: string): Promise<void>;
  /** Whether an error of `start` says it surely did not start (refused), not that the answer was lost. */
  refused(error: unknown): boolean;
  /** Stops the channel's recorder; a channel gone or not recorded is not an error. */
  stop(channelId: string): Promise<void>;
}

/**
 * MixMonitor's relative file names start in the spool's monitor folder; ARI's recordings (which the
 * recordings catalogue reads) are in its sibling. Both come from `astspooldir`, so this holds for a
 * PBX whose folders this server cannot see.
 */
const fileOf = (name: string): string => `../recording/${name}.wav`;
/** The recording a channel's `MIXMONITOR_FILENAME` names, or null for a file of another kind. */
export const recordingOfMixMonitorFile = (file: string): string | null => /\/recording\/([^/]+)\.wav$/.exec(file)?.[1] ?? null;

export class AmiChannelRecorder implements ChannelRecorder {
  constructor(private readonly ami: AmiCallActions) {}

  readonly available = (): boolean => this.ami.isConnected;

  async start(channelId: string, name: string): Promise<void> {
    await this.ami.action({ Action: 'MixMonitor', Channel: channelId, File: fileOf(name) });
  }

  /** Asterisk answered with an error; a time-out or a link lost with the action in flight says nothing. */
  refused(error: unknown): boolean {
    return error instanceof AmiError && error.code === 'AMI_ACTION_FAILED';
  }

  async stop(channelId: string): Promise<void> {
    try {
      await this.ami.action({ Action: 'StopMixMonitor', Channel: channelId });
    } catch (error) {
      // "No such channel" (the caller hung up: MixMonitor ended with it) or "Could not stop".
      if (error instanceof AmiError && error.code === 'AMI_ACTION_FAILED') return;
      throw error;
    }
  }
}
