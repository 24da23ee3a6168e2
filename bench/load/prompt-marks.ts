// Tells each caller's SIPp that a prompt it answers with a key has begun: when the observer sees
// the prompt start on a citizen channel, Asterisk is asked over AMI (SendText) to send the caller
// a SIP MESSAGE naming it. Asterisk queues that on the channel, so the MESSAGE leaves in step with
// what the caller hears; the caller's scenario waits for it, then for a person's reaction time,
// then presses the key. The same marks, through the same AMI session, are sent for the hotline
// and the baseline. Each prompt is marked once per call: a menu that repeats is a failed path.
import type { Observed } from './ari-observer.js';
import type { BenchAmi } from './bench-ami.js';
import { PJSIP_ROLES } from './call-timelines.js';

export interface MarkSent {
  readonly channelId: string;
  readonly prompt: string;
  /** When the prompt started (Asterisk's clock). */
  readonly promptAt: number;
  /** When Asterisk accepted the SendText (this process's clock). */
  readonly sentAt: number;
  readonly ok: boolean;
}

export class PromptMarks {
  readonly sent: MarkSent[] = [];
  private readonly citizens = new Map<string, { name: string; marked: Set<string> }>();

  constructor(
    private readonly ami: BenchAmi,
    /** The prompts a caller answers with a key, in the order of the journey. */
    private readonly answered: ReadonlySet<string>,
  ) {}

  /** Feed every observed fact; marks go out for the answered prompts of citizen channels. */
  take(observed: Observed): void {
    if (observed.kind === 'created' && PJSIP_ROLES.isCitizen(observed.name ?? '')) {
      this.citizens.set(observed.channelId, { name: observed.name ?? '', marked: new Set() });
      return;
    }
    if (observed.kind === 'destroyed') {
      this.citizens.delete(observed.channelId);
      return;
    }
    if (observed.kind !== 'prompt') return;
    const citizen = this.citizens.get(observed.channelId);
    const prompt = observed.detail ?? '';
    if (!citizen || !this.answered.has(prompt) || citizen.marked.has(prompt)) return;
    citizen.marked.add(prompt);
    void this.send(observed, citizen.name, prompt);
  }

  private async send(observed: Observed, channel: string, prompt: string): Promise<void> {
    const answer = await this.ami.action({ Action: 'SendText', Channel: channel, Message: `prompt ${prompt}` }).catch(() => null);
    this.sent.push({ channelId: observed.channelId, prompt, promptAt: observed.at, sentAt: Date.now(), ok: answer?.Response === 'Success' });
  }
}
