// New callers spread over several Stasis application names. Asterisk queues each application's
// events on a task processor of its own and sends them one at a time, so under load the events of
// every call in one application wait behind each other (a key's event behind a hundred others).
// The server registers every name on its one events socket and tells the dialplan which names it
// listens on through a global variable named after its first application; the entry context hands
// each caller to one of them at random (dialplan/hotline.conf).
import type { AriClient } from './ari-client.js';

/** `hotline`, `hotline-2`, … `hotline-<count>`. */
export function entryAppNames(app: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => (index === 0 ? app : `${app}-${index + 1}`));
}

/** The global the entry context reads: `HOTLINE_ENTRY_APPS_<first application>`. */
export function entryAppsVariable(app: string): string {
  return `HOTLINE_ENTRY_APPS_${app}`;
}

/**
 * `&` between names: a comma would split the dialplan function's arguments. One name is announced
 * as none (empty), which also undoes the list of a server that had several, and leaves the entry
 * context's plain path, which needs no func_cut or func_rand.
 */
export function announceEntryApps(ari: Pick<AriClient, 'setGlobalVariable'>, apps: readonly string[]): Promise<void> {
  const [first] = apps;
  if (first === undefined) return Promise.resolve();
  return ari.setGlobalVariable(entryAppsVariable(first), apps.length > 1 ? apps.join('&') : '');
}
