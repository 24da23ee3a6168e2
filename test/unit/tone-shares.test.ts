// The tone detector the monitoring tests judge by: a pure tone, a mix of two, silence.
import { describe, expect, it } from 'vitest';
import { toneShares } from '../helpers/tone-shares.js';

const tone = (rate: number, seconds: number, parts: readonly { hz: number; amplitude: number }[]): Int16Array =>
  Int16Array.from({ length: rate * seconds }, (_, i) => Math.round(parts.reduce((sum, part) => sum + part.amplitude * Math.sin((2 * Math.PI * part.hz * i) / rate), 0)));

describe('tone shares (Goertzel)', () => {
  it('finds a pure tone, each tone of a mix, and nothing in silence', () => {
    const pure = toneShares(tone(8000, 1, [{ hz: 800, amplitude: 8000 }]), 8000, [440, 800, 1300]);
    expect(pure.shares.get(800)).toBeGreaterThan(0.9);
    expect(pure.shares.get(440)).toBeLessThan(0.01);
    const mix = toneShares(tone(8000, 1, [{ hz: 440, amplitude: 5000 }, { hz: 1300, amplitude: 5000 }]), 8000, [440, 800, 1300]);
    expect(mix.shares.get(440)).toBeGreaterThan(0.4);
    expect(mix.shares.get(1300)).toBeGreaterThan(0.4);
    expect(mix.shares.get(800)).toBeLessThan(0.01);
    expect(toneShares(new Int16Array(8000), 8000, [440]).rms).toBe(0);
  });
});
