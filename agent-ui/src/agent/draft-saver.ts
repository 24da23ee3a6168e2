// Saves the work order typed during a call as the call's draft on the server: about a second after
// the last change and at once when the agent leaves a field, one save at a time, the latest form
// each time. A save that fails for a passing reason (network, server busy) is tried again with a
// growing pause; until the server confirms the form as it is, a copy stays in sessionStorage, so a
// reload (or a crash of the tab) loses nothing typed.
import type { DraftBody, DraftReply } from '../api-types.js';
import { api, ApiError } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { showError } from '../page.js';

export type DraftFields = Omit<DraftBody, 'submit'>;
/** idle: nothing typed yet; closed: the call's ticket is written and takes over. */
export type SaveState = 'idle' | 'saving' | 'saved' | 'retrying' | 'refused' | 'closed';

const DEBOUNCE_MS = 1000;
const RETRY_MS = [1000, 2000, 5000, 10_000];
const LOCAL_PREFIX = 'hotline.draft.';

/** What the tab kept of a call's form that the server has not confirmed yet. */
export function localCopy(callId: string): DraftFields | null {
  const raw = sessionStorage.getItem(LOCAL_PREFIX + callId);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as DraftFields;
  } catch {
    return null;
  }
}

export function dropLocalCopy(callId: string): void {
  sessionStorage.removeItem(LOCAL_PREFIX + callId);
}

/** Whether the server may accept the same save later: no answer, busy, or failing inside. */
function passing(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

export interface DraftSaver {
  /** The saved / saving / not saved (retrying) line. */
  readonly indicator: HTMLElement;
  /** Starts saving for this call (the form already shows what to start from). */
  start(callId: string): void;
  /** The form changed: keep a copy now, save a second after the last change. */
  changed(): void;
  /** Saves now if anything is unsaved; resolves when the server answered (or gave up for now). */
  flush(): Promise<SaveState>;
  /** Saves now, marked submitted: the ticket written at hang-up is filed with these fields. */
  submit(): Promise<SaveState>;
  /** Stops saving (the call's ticket took over, or the form closed); the local copy stays until confirmed. */
  stop(): void;
  state(): SaveState;
}

export function draftSaver(read: () => DraftFields, onClosed: () => void): DraftSaver {
  let callId: string | null = null;
  let state: SaveState = 'idle';
  let timer: number | undefined;
  let retries = 0;
  let dirty = false;
  let inFlight: Promise<SaveState> | null = null;
  const indicator = h('span', { id: 'draft-status', class: 'draft-status', role: 'status', 'aria-live': 'polite' });

  const show = (next: SaveState, error?: unknown): void => {
    state = next;
    indicator.dataset.state = next;
    indicator.title = '';
    const texts: Record<SaveState, string> = { idle: '', saving: t('draftSaving'), saved: t('draftSaved'), retrying: t('draftRetrying'), refused: '', closed: '' };
    if (next === 'refused' && error !== undefined) showError(indicator, error);
    else indicator.textContent = texts[next];
  };
  const schedule = (ms: number): void => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void flush(), ms);
  };

  const send = async (submit: boolean): Promise<SaveState> => {
    const id = callId;
    if (id === null) return state;
    const body = read();
    const sent = JSON.stringify(body);
    dirty = false;
    show('saving');
    try {
      await api<DraftReply>('PUT', `/api/calls/${encodeURIComponent(id)}/draft`, { ...body, ...(submit ? { submit: true } : {}) } satisfies DraftBody);
      retries = 0;
      // Only a confirmation of exactly what the form holds lets the tab's copy go.
      if (JSON.stringify(read()) === sent) dropLocalCopy(id);
      show(dirty ? 'saving' : 'saved');
    } catch (error) {
      dirty = true;
      if (error instanceof ApiError && error.code === 'CALL_DRAFT_CLOSED') {
        stop();
        show('closed');
        onClosed();
      } else if (passing(error)) {
        show('retrying');
        schedule(RETRY_MS[Math.min(retries, RETRY_MS.length - 1)] ?? DEBOUNCE_MS);
        retries += 1;
      } else show('refused', error);
    }
    return state;
  };

  const flush = (submit = false): Promise<SaveState> => {
    window.clearTimeout(timer);
    if (callId === null) return Promise.resolve(state);
    const previous = inFlight ?? Promise.resolve(state);
    // One save at a time, each with the form as it is when it leaves.
    const next = previous.then(() => (dirty || submit ? send(submit) : state));
    inFlight = next;
    void next.finally(() => {
      if (inFlight === next) inFlight = null;
      if (dirty && callId !== null && state === 'saving') schedule(DEBOUNCE_MS);
    });
    return next;
  };

  function stop(): void {
    window.clearTimeout(timer);
    callId = null;
  }

  return {
    indicator,
    start: (id) => {
      callId = id;
      retries = 0;
      dirty = localCopy(id) !== null;
      show(dirty ? 'saving' : 'idle');
      if (dirty) schedule(0);
    },
    changed: () => {
      if (callId === null) return;
      sessionStorage.setItem(LOCAL_PREFIX + callId, JSON.stringify(read()));
      dirty = true;
      if (state !== 'retrying') schedule(DEBOUNCE_MS);
    },
    flush: () => flush(),
    submit: () => flush(true),
    stop,
    state: () => state,
  };
}
