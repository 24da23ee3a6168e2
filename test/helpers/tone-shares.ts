// How much of a recording is each of a few tones (the Goertzel algorithm): the monitoring tests give
// each party a tone of its own and tell who hears whom from what each party's recording holds.

/** The 16-bit mono PCM samples of a WAV file's data chunk, and its sample rate. */
export function wavSamples(bytes: Buffer): { samples: Int16Array; rate: number } {
  const rate = bytes.readUInt32LE(24);
  const at = bytes.indexOf('data', 12, 'ascii');
  const length = Math.min(bytes.readUInt32LE(at + 4), bytes.length - at - 8);
  const samples = new Int16Array(Math.floor(length / 2));
  for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(at + 8 + i * 2);
  return { samples, rate };
}

/**
 * The share of the signal's energy at each frequency, 0 to 1 (a pure tone at one of them gives about
 * 1 there; two equally loud tones about 0.5 each), and the signal's RMS (near 0: silence).
 */
export function toneShares(samples: Int16Array, rate: number, frequencies: readonly number[]): { rms: number; shares: Map<number, number> } {
  let energy = 0;
  for (const sample of samples) energy += sample * sample;
  const n = samples.length;
  const shares = new Map<number, number>();
  for (const frequency of frequencies) {
    const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / rate);
    let previous = 0;
    let beforePrevious = 0;
    for (const sample of samples) {
      const current = sample + coefficient * previous - beforePrevious;
      beforePrevious = previous;
      previous = current;
    }
    const power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    shares.set(frequency, energy === 0 ? 0 : (2 * power) / (n * energy));
  }
  return { rms: Math.sqrt(energy / Math.max(1, n)), shares };
}
