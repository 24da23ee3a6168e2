// Admission control's switch in Asterisk: the global HOTLINE_ADMISSION, which the dialplan's entry
// reads before it hands a caller to the server (dialplan/hotline.conf): "shed" answers the caller
// in the dialplan, anything else hands them to the server.
import type { AdmissionMode, AdmissionSwitch } from '../../app/ports/admission.js';
import type { AriClient } from './ari-client.js';

export const ADMISSION_VARIABLE = 'HOTLINE_ADMISSION';

export class AriAdmissionSwitch implements AdmissionSwitch {
  constructor(private readonly ari: Pick<AriClient, 'setGlobalVariable'>) {}

  setAdmission(mode: AdmissionMode): Promise<void> {
    return this.ari.setGlobalVariable(ADMISSION_VARIABLE, mode);
  }
}
