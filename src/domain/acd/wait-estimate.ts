// Estimated wait for announcements:
//
//   EWT = ceil(position / max(1, working agents)) × AHT
//
// i.e. the caller waits for as many "rounds" of calls as there are callers ahead per working agent,
// each round lasting one average handling time. AHT is an exponentially weighted moving average of
// the queue's recent handling times (talk + wrap-up), so it follows the shift as it changes but one
// long call does not swing it. An estimate, not a promise: how to word it is the prompts' business.

const SMOOTHING = 0.2;

export function estimatedWaitSeconds(position: number, workingAgents: number, ahtMs: number): number {
  return Math.ceil((Math.ceil(position / Math.max(1, workingAgents)) * ahtMs) / 1000);
}

export function nextAverageMs(previousMs: number, sampleMs: number): number {
  return previousMs + SMOOTHING * (sampleMs - previousMs);
}
