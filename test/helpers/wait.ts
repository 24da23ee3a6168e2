// Waiting helpers shared by the test tiers: never a fixed sleep where a condition can be awaited.
import type { EventEmitter } from 'node:events';

type EventMap<T> = Record<keyof T, unknown[]>;

/** Resolves with the arguments of the next `name` event, or rejects after timeoutMs. */
export function nextEmit<T extends EventMap<T>, K extends keyof T & string>(emitter: EventEmitter<T>, name: K, timeoutMs = 3000): Promise<T[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${name}' within ${timeoutMs} ms`)), timeoutMs);
    const listener = (...args: T[K]): void => {
      clearTimeout(timer);
      resolve(args);
    };
    // Cast: EventEmitter<T>'s listener type is not inferable through a generic key.
    emitter.once(name as never, listener as never);
  });
}

export async function waitUntil(check: () => boolean, timeoutMs = 3000, pollMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Polls until probe returns a value. */
export async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000, pollMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Polls an asynchronous probe (a request to the PBX) until it returns a value. */
export async function waitForAsync<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000, pollMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
