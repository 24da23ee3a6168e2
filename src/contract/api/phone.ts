// GET /api/phone/credentials: what the agent desktop's browser phone needs to register.
import { Type, type Static } from '@sinclair/typebox';

export const PhoneCredentialsReply = Type.Object({
  endpoint: Type.String({ description: "The agent's browser phone in Asterisk: agent-<id>-web" }),
  sipUri: Type.String({ description: 'The address of record to register, e.g. sip:agent-8001-web@127.0.0.1' }),
  authUser: Type.String({ description: 'The digest user name (the endpoint)' }),
  password: Type.String({ description: "The endpoint's own SIP password (derived per installation; no other agent's phone accepts it)" }),
  socketPath: Type.String({ description: 'Open a WebSocket on this path of this server, subprotocol sip, signed in (the sign-in cookie)' }),
  socketProtocol: Type.Literal('sip'),
});
export type PhoneCredentialsReply = Static<typeof PhoneCredentialsReply>;

// GET /api/phone/citizen-credentials: what the citizen phone page (/phone, demo mode only) needs to call.
export const CitizenPhoneReply = Type.Object({
  endpoint: Type.String({ description: "The demo citizen's browser phone in Asterisk: citizen-web (its context is the citizens' entry, from-citizen)" }),
  sipUri: Type.String({ description: 'The identity to call from, e.g. sip:citizen-web@127.0.0.1' }),
  authUser: Type.String({ description: 'The digest user name (the endpoint)' }),
  password: Type.String({ description: "The endpoint's SIP password (derived from the installation's secret)" }),
  socketPath: Type.String({ description: 'Open a WebSocket on this path of this server, subprotocol sip; no sign-in' }),
  socketProtocol: Type.Literal('sip'),
});
export type CitizenPhoneReply = Static<typeof CitizenPhoneReply>;
