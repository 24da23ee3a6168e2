// What admission control reads and switches: how far behind the hops are, second by second, and
// the PBX's switch that sends new callers to the dialplan instead of the server.
import type { AdmissionMode, LoadSample } from '../../domain/admission/admission-gate.js';

export interface LoadSignals {
  /** The hops' timings since the last sample, dated `at`; each sample starts a new window. */
  sample(at: number): LoadSample;
}

export interface AdmissionSwitch {
  /** Tells the PBX where new callers go; rejects when it could not be told (tried again later). */
  setAdmission(mode: AdmissionMode): Promise<void>;
}

export type { AdmissionMode, LoadSample };
