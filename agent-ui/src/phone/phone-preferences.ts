// The agent's choices for the browser phone on this computer, kept per browser like the devices:
// - whether to use it at all: on by default; an agent who takes calls on a desk phone turns it off,
//   and then the browser does not register, so the server rings the desk phone (a registered
//   browser phone is always rung first);
// - whether it answers the hotline's calls by itself (auto-answer): off by default, so a call never
//   reaches an agent who is not looking.
const USE_KEY = 'hotline.phone.browser';
const AUTO_ANSWER_KEY = 'hotline.phone.autoAnswer';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

export function browserPhoneWanted(): boolean {
  return read(USE_KEY) !== 'off';
}

export function rememberBrowserPhoneWanted(on: boolean): void {
  write(USE_KEY, on ? null : 'off');
}

export function autoAnswerWanted(): boolean {
  return read(AUTO_ANSWER_KEY) === 'on';
}

export function rememberAutoAnswer(on: boolean): void {
  write(AUTO_ANSWER_KEY, on ? 'on' : null);
}
