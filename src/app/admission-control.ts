// Overload protection, run once a second: the hops' timings go through the pure gate, and when it
// decides, the PBX is told (a global variable the dialplan reads before handing a caller to the
// server). The decision is logged and counted. The mode is told again after every reconnect and
// at start, so a mode left by a server that was killed, or lost with an Asterisk restart, is
// corrected within a second.
import { openGate, stepAdmission, type AdmissionDecision, type AdmissionMode, type AdmissionSettings, type AdmissionState } from '../domain/admission/admission-gate.js';
import type { Logger } from '../logging/logger.js';
import type { AdmissionSwitch, LoadSignals } from './ports/admission.js';
import type { Timers } from './ports/timers.js';

export interface AdmissionControlDeps {
  readonly signals: LoadSignals;
  readonly pbx: AdmissionSwitch;
  readonly settings: AdmissionSettings;
  readonly logger: Logger;
  readonly now: () => number;
}

export interface AdmissionStatus {
  readonly mode: AdmissionMode;
  readonly since: number;
  /** What the PBX was last told (null: not yet, or telling it failed since). */
  readonly applied: AdmissionMode | null;
  /** Times the gate shed new callers since start. */
  readonly sheds: number;
  readonly lastDecision: AdmissionDecision | null;
}

const TIMER = 'admission-control';

export class AdmissionControl {
  private state: AdmissionState;
  private applied: AdmissionMode | null = null;
  private applying = false;
  private sheds = 0;
  private lastDecision: AdmissionDecision | null = null;
  private lastShedAt: number | null = null;
  private stopped = false;
  private readonly log: Logger;

  constructor(private readonly deps: AdmissionControlDeps) {
    this.state = openGate(deps.now());
    this.log = deps.logger.child({ component: 'admission' });
  }

  /** One second's sample: steps the gate, and tells the PBX when its mode is not the gate's. */
  async tick(): Promise<void> {
    const { state, decision } = stepAdmission(this.state, this.deps.signals.sample(this.deps.now()), this.deps.settings);
    this.state = state;
    if (decision) this.decided(decision);
    if (this.applied !== this.state.mode) await this.apply(this.state.mode);
  }

  /** The PBX came back (or is new): its mode is told again at the next tick. */
  pbxConnected(): void {
    this.applied = null;
  }

  status(): AdmissionStatus {
    return { mode: this.state.mode, since: this.state.since, applied: this.applied, sheds: this.sheds, lastDecision: this.lastDecision };
  }

  start(timers: Timers, intervalMs = 1000): void {
    const next = (): void => {
      if (this.stopped) return;
      void this.tick().finally(() => {
        if (!this.stopped) timers.start(TIMER, intervalMs, next);
      });
    };
    timers.start(TIMER, intervalMs, next);
    void this.apply(this.state.mode);
  }

  stop(timers: Timers): void {
    this.stopped = true;
    timers.cancel(TIMER);
  }

  private decided(decision: AdmissionDecision): void {
    this.lastDecision = decision;
    if (decision.mode === 'shed') {
      this.sheds += 1;
      this.lastShedAt = decision.at;
      this.log.warn({ reason: decision.reason, worstMs: decision.worstMs, sheds: this.sheds }, 'falling behind: new callers are answered by the dialplan (greeting, then the human fallback queue)');
    } else {
      this.log.info({ worstMs: decision.worstMs, shedForMs: decision.at - (this.lastShedAt ?? decision.at) }, 'caught up: new callers go to the server again');
    }
  }

  private async apply(mode: AdmissionMode): Promise<void> {
    // One request at a time: a slow PBX must not get a pile of them.
    if (this.applying) return;
    this.applying = true;
    try {
      await this.deps.pbx.setAdmission(mode);
      this.applied = mode;
    } catch (error) {
      this.applied = null;
      this.log.warn({ err: error, mode }, 'could not tell Asterisk where new callers go; trying again in a second');
    } finally {
      this.applying = false;
    }
  }
}
