// The phone's ring, made in the page with Web Audio (no sound file to ship or fetch): two short
// bursts of 440/480 Hz, then a pause, again and again while a call rings. A browser lets a page
// make sound only after the agent has clicked in it; after a reload with no click yet, the ring is
// silent and the card still shows 振铃 (Chrome lets the sound start at the agent's first click).
const BURST_S = 0.4;
const GAP_S = 0.2;
const CYCLE_MS = 3000;
const VOLUME = 0.15;

export interface RingTone {
  /** Rings while `on` is true; idempotent. */
  set(on: boolean): void;
  readonly ringing: boolean;
}

export function ringTone(): RingTone {
  let context: AudioContext | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  const burst = (audio: AudioContext, startAt: number): void => {
    const gain = audio.createGain();
    gain.gain.setValueAtTime(0, startAt);
    gain.gain.linearRampToValueAtTime(VOLUME, startAt + 0.02);
    gain.gain.setValueAtTime(VOLUME, startAt + BURST_S - 0.02);
    gain.gain.linearRampToValueAtTime(0, startAt + BURST_S);
    gain.connect(audio.destination);
    for (const hz of [440, 480]) {
      const tone = audio.createOscillator();
      tone.frequency.value = hz;
      tone.connect(gain);
      tone.start(startAt);
      tone.stop(startAt + BURST_S);
    }
  };

  const cycle = (): void => {
    if (!context) return;
    const now = context.currentTime;
    burst(context, now + 0.05);
    burst(context, now + 0.05 + BURST_S + GAP_S);
  };

  return {
    get ringing() {
      return timer !== null;
    },
    set(on: boolean): void {
      if (on === (timer !== null)) return;
      if (!on) {
        if (timer !== null) clearInterval(timer);
        timer = null;
        return;
      }
      try {
        context ??= new AudioContext();
        void context.resume().catch(() => undefined);
      } catch {
        // No Web Audio here: the ring stays visual only.
        context = null;
      }
      cycle();
      timer = setInterval(cycle, CYCLE_MS);
    },
  };
}
