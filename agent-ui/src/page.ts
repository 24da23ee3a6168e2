// What every page shares: the sign-in form, the header (user, language, sign out), and the
// error line. A page calls startPage() with the roles it serves and gets the session once signed in.
import { api, ApiError, onUnauthorized } from './api.js';
import type { LoginBody } from './api-types.js';
import { byId, field, fill, h } from './dom.js';
import { currentLang, errorText, ROLE_WORDS, setLang, t, word, type TextKey } from './i18n.js';
import { clearSession, loadSession, saveSession, type Role, type Session } from './session.js';

export interface PageOptions {
  readonly title: TextKey;
  readonly roles: readonly Role[];
  /** Renders the page into `main` once a user with an allowed role is signed in. */
  readonly render: (main: HTMLElement, session: Session) => void;
  /** Called on sign-out, before the session is forgotten (e.g. to close the socket). */
  readonly onSignOut?: () => void;
}

const allowed = (session: Session, roles: readonly Role[]): boolean => session.user.role === 'admin' || roles.includes(session.user.role);

/** Roles with a page of their own: signed in on a page not for them, they are sent there. */
const HOME_PAGES: Readonly<Partial<Record<Role, string>>> = { unit: '/unit', 'kb-editor': '/knowledge' };
function sendsElsewhere(session: Session, roles: readonly Role[]): boolean {
  const home = HOME_PAGES[session.user.role];
  if (home === undefined || roles.includes(session.user.role)) return false;
  location.assign(home);
  return true;
}

export function startPage(options: PageOptions): void {
  document.documentElement.lang = currentLang();
  document.title = `${t(options.title)} · ${t('appName')}`;
  onUnauthorized(() => {
    options.onSignOut?.();
    showLogin(options, t('sessionExpired'));
  });
  const session = loadSession();
  if (session && sendsElsewhere(session, options.roles)) return;
  if (session && allowed(session, options.roles)) showPage(options, session);
  else showLogin(options, session ? t('roleNotAllowed') : '');
}

function languageSwitch(): HTMLElement {
  const select = h(
    'select',
    {
      onchange: (event: Event) => {
        setLang((event.target as HTMLSelectElement).value === 'en' ? 'en' : 'zh-CN');
        // Every view is rebuilt from the server state, so a reload is the simplest full re-render.
        location.reload();
      },
    },
    h('option', { value: 'zh-CN', selected: currentLang() === 'zh-CN' }, '中文'),
    h('option', { value: 'en', selected: currentLang() === 'en' }, 'English'),
  );
  return field('lang-switch', t('language'), select);
}

function showLogin(options: PageOptions, message: string): void {
  const root = byId('app');
  const error = h('p', { class: 'error', role: 'alert', id: 'login-error' }, message);
  const username = h('input', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h(
    'form',
    {
      class: 'login card',
      id: 'login-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void signIn(options, username.value.trim(), password.value, error);
      },
    },
    h('h1', {}, `${t('appName')} · ${t(options.title)}`),
    field('login-username', t('username'), username),
    field('login-password', t('password'), password),
    h('button', { type: 'submit', class: 'primary', id: 'login-submit' }, t('signIn')),
    error,
  );
  fill(root, h('header', { class: 'topbar' }, h('span', { class: 'brand' }, t('appName')), languageSwitch()), h('main', {}, form));
  username.focus();
}

async function signIn(options: PageOptions, username: string, password: string, error: HTMLElement): Promise<void> {
  error.textContent = '';
  try {
    const session = await api<Session>('POST', '/api/auth/login', { username, password } satisfies LoginBody);
    saveSession(session);
    if (sendsElsewhere(session, options.roles)) return;
    if (!allowed(session, options.roles)) {
      error.textContent = t('roleNotAllowed');
      return;
    }
    showPage(options, session);
  } catch (failure) {
    const code = failure instanceof ApiError ? failure.code : null;
    if (code === 'AUTH_LOCKED') error.textContent = t('signInLocked');
    else if (code === 'AUTH_INVALID_CREDENTIALS' || code === 'REQUEST_INVALID') error.textContent = t('signInFailed');
    else showError(error, failure);
  }
}

function showPage(options: PageOptions, session: Session): void {
  const main = h('main', { id: 'main' });
  const signOut = h(
    'button',
    {
      type: 'button',
      id: 'sign-out',
      onclick: () => {
        options.onSignOut?.();
        void api('POST', '/api/auth/logout').catch(() => undefined);
        clearSession();
        showLogin(options, '');
      },
    },
    t('signOut'),
  );
  const header = h(
    'header',
    { class: 'topbar' },
    h('span', { class: 'brand' }, `${t('appName')} · ${t(options.title)}`),
    h('span', { class: 'user', id: 'current-user' }, `${session.user.name} (${session.user.id}) · ${word(ROLE_WORDS, session.user.role)}`),
    h('span', { id: 'topbar-extra' }),
    languageSwitch(),
    signOut,
  );
  fill(byId('app'), header, main);
  options.render(main, session);
}

/** An error as a user reads it: a sentence in the page's language with the stable code beside it. */
export function describeError(error: unknown): string {
  return `${t('error')}：${error instanceof ApiError ? errorText(error.code) : t('unknownError')}`;
}

/** What the server or the browser said itself (English, for support): kept in a tooltip. */
export function errorDetail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An error in a paragraph of its own, read out when it appears. */
export function errorParagraph(error: unknown): HTMLParagraphElement {
  return h('p', { class: 'error', role: 'alert', title: errorDetail(error) }, describeError(error));
}

/** Shows an error in a message line: the sentence as its text, the detail as its tooltip. */
export function showError(target: HTMLElement, error: unknown): void {
  target.textContent = describeError(error);
  target.title = errorDetail(error);
}
