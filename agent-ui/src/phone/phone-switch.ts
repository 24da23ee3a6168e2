// Whether the agent uses the browser phone on this computer: on by default; an agent who takes calls
// on a desk phone turns it off, and then the browser does not register, so the server rings the
// desk phone (a registered browser phone is always rung first). Kept per browser, like the devices.
const KEY = 'hotline.phone.browser';

export function browserPhoneWanted(): boolean {
  try {
    return localStorage.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

export function rememberBrowserPhoneWanted(on: boolean): void {
  try {
    if (on) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, 'off');
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}
