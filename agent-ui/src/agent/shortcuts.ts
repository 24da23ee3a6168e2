// Keyboard shortcuts of the desktop, and the help tooltip that lists them.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export interface ShortcutActions {
  ready(): void;
  pause(): void;
  save(): void;
  submit(): void;
  transfer(): void;
  help(): void;
}

export function installShortcuts(actions: ShortcutActions): void {
  document.addEventListener('keydown', (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    // event.code, not event.key: Alt changes the character on some layouts.
    const action = { KeyR: actions.ready, KeyP: actions.pause, KeyS: actions.save, Enter: actions.submit, NumpadEnter: actions.submit, KeyT: actions.transfer, KeyH: actions.help }[event.code];
    if (!action) return;
    event.preventDefault();
    action();
  });
}

export function shortcutsHelp(): HTMLElement {
  return h(
    'span',
    { class: 'help' },
    h('button', { type: 'button', id: 'shortcuts-help', 'aria-describedby': 'shortcuts-tip' }, `${t('shortcuts')} ?`),
    h('span', { role: 'tooltip', id: 'shortcuts-tip' }, t('shortcutsList')),
  );
}
