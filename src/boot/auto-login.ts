// Agents logged in when the server starts (HOTLINE_AUTO_LOGIN), until they log in from the desktop.
import type { AcdService } from '../app/acd-service.js';
import type { Config } from '../config.js';

export function autoLogin(config: Config, acd: AcdService): void {
  const ids = config.autoLogin === 'all' ? [...acd.agents.keys()] : config.autoLogin === 'none' ? [] : config.autoLogin;
  for (const id of ids) acd.login(id);
}
