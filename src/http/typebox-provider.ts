// Types a route's request and reply from its TypeBox schemas (what @fastify/type-provider-typebox
// does, in the few lines it takes, without a dependency): `request.body` is the body schema's type,
// so no handler casts it, and a handler's answer must fit one of its reply schemas.
import type { FastifyTypeProvider } from 'fastify';
import type { Static, TSchema } from '@sinclair/typebox';
import type { DeepReadonly } from '../contract/api/same-shape.js';

export interface TypeBoxProvider extends FastifyTypeProvider {
  readonly validator: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
  // A reply may be built from read-only data (the ACD's, the taxonomy's): it is only serialized.
  readonly serializer: this['schema'] extends TSchema ? DeepReadonly<Static<this['schema']>> : unknown;
}

