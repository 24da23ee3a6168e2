// The agent's microphone and speaker: the browser's list, the choice kept in localStorage (an agent
// keeps a headset on one desk), opening the chosen microphone, and playing on the chosen speaker.
import { micProblemOf } from './mic-problem.js';
import type { MicProblem } from './phone-state.js';

export type DeviceKind = 'microphone' | 'speaker';

export interface AudioDevice {
  readonly id: string;
  readonly label: string;
}

const STORAGE_KEYS: Readonly<Record<DeviceKind, string>> = { microphone: 'hotline.phone.microphone', speaker: 'hotline.phone.speaker' };

/** The device chosen before, or null for the system's default. */
export function chosenDevice(kind: DeviceKind): string | null {
  return localStorage.getItem(STORAGE_KEYS[kind]) || null;
}

export function rememberDevice(kind: DeviceKind, id: string | null): void {
  if (id) localStorage.setItem(STORAGE_KEYS[kind], id);
  else localStorage.removeItem(STORAGE_KEYS[kind]);
}

/** Microphones and speakers; their labels are empty until the page has had a microphone once. */
export async function listDevices(): Promise<Readonly<Record<DeviceKind, AudioDevice[]>>> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const of = (kind: MediaDeviceKind): AudioDevice[] => devices.filter((d) => d.kind === kind && d.deviceId !== 'default' && d.deviceId !== '').map((d, i) => ({ id: d.deviceId, label: d.label || `${kind} ${i + 1}` }));
  return { microphone: of('audioinput'), speaker: of('audiooutput') };
}

export class MicrophoneError extends Error {
  constructor(readonly problem: MicProblem) {
    super(`microphone ${problem}`);
  }
}

/** The chosen microphone (the default one if it is gone); throws MicrophoneError. */
export async function openMicrophone(deviceId: string | null): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new MicrophoneError('denied');
  try {
    // `ideal`, not `exact`: a headset unplugged since it was chosen falls back to the default.
    return await navigator.mediaDevices.getUserMedia({ audio: deviceId ? { deviceId: { ideal: deviceId } } : true, video: false });
  } catch (error) {
    throw new MicrophoneError(micProblemOf(error));
  }
}

/** Whether this browser can choose the speaker of an <audio> element (Chromium can; some cannot). */
export function canChooseSpeaker(audio: HTMLAudioElement): boolean {
  return 'setSinkId' in audio;
}

/** Plays the element on the chosen speaker; false when the browser cannot or the device is gone. */
export async function playOn(audio: HTMLAudioElement, deviceId: string | null): Promise<boolean> {
  if (!canChooseSpeaker(audio)) return false;
  try {
    await audio.setSinkId(deviceId ?? '');
    return true;
  } catch {
    return false;
  }
}
