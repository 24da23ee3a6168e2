// Agents logged in when the server starts (HOTLINE_AUTO_LOGIN), until they log in from the desktop.
import type { Acd } from '../app/ports/acd.js';
import type { Config } from '../config.js';

export function autoLogin(config: Config, acd: Acd): void {
  const ids = config.autoLogin === 'all' ? [...acd.agents.keys()] : config.autoLogin === 'none' ? [] : config.autoLogin;
  // A refusal (already signed in) is the ACD's own log line; nothing here waits on the answers.
  for (const id of ids) void acd.login(id);
}
