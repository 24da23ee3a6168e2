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
