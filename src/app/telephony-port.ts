// Moved to ports/telephony.ts; this re-export goes once the last importer points there.
export type { AgentDialRequest, CitizenDialRequest, PartyDialRequest, TelephonyPort } from './ports/telephony.js';
