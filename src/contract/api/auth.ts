// Sign-in, sign-out and "who am I": the bodies and replies of /api/auth/*.
import { Type, type Static } from '@sinclair/typebox';
import { DUTIES, ROLES, type AuthUser } from '../../domain/auth/roles.js';
import type { Assert, SameShape } from './same-shape.js';
import { IsoTime, literals, Nullable } from './schema-parts.js';

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const SignedInUser = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: literals(ROLES),
  agentId: Nullable(Type.String({ description: 'The ACD agent this user is, for role agent' })),
  duties: Type.Array(literals(DUTIES), { description: 'Work beyond the role: return-visits = works the return-visit list (回访)' }),
  unitId: Type.Optional(Type.String({ description: 'The handling unit (承办单位) this user signs in for, for role unit' })),
});
export type SignedInUser = Static<typeof SignedInUser>;
export type _SignedInUserIsAuthUser = Assert<SameShape<SignedInUser, AuthUser>>;

export const LoginReply = Type.Object({
  token: Type.String({ description: 'Send as `Authorization: Bearer <token>`; also set as an HttpOnly cookie for reads' }),
  expiresAt: IsoTime,
  user: SignedInUser,
});
export type LoginReply = Static<typeof LoginReply>;

export const LogoutReply = Type.Object({ signedOut: Type.Literal(true) });
export const MeReply = Type.Object({ user: SignedInUser });
export type MeReply = Static<typeof MeReply>;
