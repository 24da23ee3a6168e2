// Admission control's switch in Asterisk: the global HOTLINE_ADMISSION, which the dialplan's entry
// reads before it hands a caller to the server (dialplan/hotline.conf): "shed" answers the caller
// in the dialplan, anything else hands them to the server. Beside it the line limit, the global
// HOTLINE_MAX_CALLS the same entry compares with the calls at once (0: none).
import type { AdmissionMode, AdmissionSwitch } from '../../app/ports/admission.js';
import type { AriClient } from './ari-client.js';

export const ADMISSION_VARIABLE = 'HOTLINE_ADMISSION';
export const LINE_LIMIT_VARIABLE = 'HOTLINE_MAX_CALLS';

export class AriAdmissionSwitch implements AdmissionSwitch {
  constructor(private readonly ari: Pick<AriClient, 'setGlobalVariable'>) {}

  setAdmission(mode: AdmissionMode): Promise<void> {
    return this.ari.setGlobalVariable(ADMISSION_VARIABLE, mode);
  }

  setLineLimit(maxCalls: number): Promise<void> {
    return this.ari.setGlobalVariable(LINE_LIMIT_VARIABLE, String(maxCalls));
  }
}
