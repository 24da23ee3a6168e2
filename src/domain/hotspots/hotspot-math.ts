// The arithmetic the hotspot rules share: China days as integers (so a year of day counts is indexed by
// array position rather than by string), the Poisson upper tail the surge and cluster rules test
// against, and the score that orders findings of every kind on one scale.
import { chinaDayNumber, DAY_MS, CHINA_UTC_OFFSET_MS, dateOfChinaDayNumber, type LocalDate } from '../calendar/china-time.js';

// The calendar's day numbers, under the names the rules use for them.
export const dayIndex = chinaDayNumber;
export const dateOfIndex = dateOfChinaDayNumber;

/** The China day index of an instant (cheaper than chinaDate when done 200,000 times). */
export function dayIndexOfInstant(epochMs: number): number {
  return Math.floor((epochMs + CHINA_UTC_OFFSET_MS) / DAY_MS);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day index: 1970-01-01 was a Thursday. */
export function weekdayOfIndex(index: number): number {
  return ((((index + 3) % 7) + 7) % 7) + 1;
}

export const isWeekendIndex = (index: number): boolean => weekdayOfIndex(index) >= 6;

/** Memoises dayIndex over the few hundred distinct dates a rule's input holds. */
export function dayIndexer(): (date: LocalDate) => number {
  const cache = new Map<LocalDate, number>();
  return (date) => {
    let index = cache.get(date);
    if (index === undefined) {
      index = dayIndex(date);
      cache.set(date, index);
    }
    return index;
  };
}

// Lanczos approximation (g = 7, n = 9): ln Γ(x) to about 15 significant digits for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * log10 P(X ≥ k) for X ~ Poisson(λ). Summed upward from k (terms shrink once k > λ, which is the case
 * the rules ask about), so a tail of 1e-40 is as exact as one of 0.3; below the mean it falls back to
 * 1 − P(X < k).
 */
export function log10PoissonTail(k: number, lambda: number): number {
  if (k <= 0) return 0;
  if (lambda <= 0) return -Infinity;
  const logPmfK = -lambda + k * Math.log(lambda) - logGamma(k + 1);
  if (k > lambda) {
    let term = 1;
    let sum = 1;
    for (let i = k + 1; i < k + 1000; i++) {
      term *= lambda / i;
      sum += term;
      if (term < sum * 1e-15) break;
    }
    return (logPmfK + Math.log(sum)) / Math.LN10;
  }
  let below = 0;
  let pmf = Math.exp(-lambda);
  for (let i = 0; i < k; i++) {
    below += pmf;
    pmf *= lambda / (i + 1);
  }
  return Math.log10(Math.max(1 - below, Number.MIN_VALUE));
}

/** The strength of a Poisson excess as −log10 of its tail: 2 is 1 in 100, 6 is 1 in a million; capped to stay finite. */
export function tailScore(k: number, lambda: number): number {
  return Math.min(100, Math.round(-log10PoissonTail(k, lambda) * 100) / 100);
}

export const round1 = (value: number): number => Math.round(value * 10) / 10;

/** Orders listed as a finding's evidence, at most (the newest kept). */
export const MAX_EVIDENCE = 500;

/** A category code's first two characters as one number: its major, without making a string per order. */
export const majorNumber = (code: string): number => code.charCodeAt(0) * 65536 + code.charCodeAt(1);
