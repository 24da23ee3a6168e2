// The one shape of every error answer of the HTTP API. The codes and their statuses are listed in
// the server's error catalogue (src/http/error-catalogue.ts) and in /docs under each route.
import { Type, type Static } from '@sinclair/typebox';

/** `description` says which codes a route answers under one status (see the server's routes). */
export const errorBodyOf = (description: string) =>
  Type.Object(
    {
      error: Type.Object({
        code: Type.String({ pattern: '^[A-Z][A-Z0-9_]+$', description: 'Stable: clients and tests match on it' }),
        message: Type.String({ description: 'For people; may change between versions' }),
      }),
    },
    { description },
  );

export const ErrorBody = errorBodyOf('An error: a stable code and a message for people');
export type ErrorBody = Static<typeof ErrorBody>;
