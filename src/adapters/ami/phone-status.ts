// Agents' softphones in AMI's words: the device state of PJSIP/<endpoint>, read as reachable or not.
import type { PhoneStatus } from '../../app/ports/phone-events.js';
import { fieldString, type AmiEvent } from './ami-message.js';

const SOFTPHONE = 'PJSIP/';
/** Device states of a phone that cannot be rung; every other state (idle, in use, ringing…) can. */
const UNREACHABLE = new Set(['UNAVAILABLE', 'INVALID', 'UNKNOWN']);

/** A DeviceStateChange event or a DeviceStateList entry as a softphone's status; other devices give undefined. */
export function phoneStatusOf(event: AmiEvent): PhoneStatus | undefined {
  const device = fieldString(event.fields, 'device');
  const state = fieldString(event.fields, 'state');
  if (!device || !state || device.slice(0, SOFTPHONE.length).toUpperCase() !== SOFTPHONE) return undefined;
  return { phone: device.slice(SOFTPHONE.length), reachable: !UNREACHABLE.has(state.toUpperCase()), detail: state };
}
