// Pieces the API schemas are built from: nullable values, ISO instants, calendar days, ids.
import { Type, type TSchema, type TUnion, type TNull, type TLiteral } from '@sinclair/typebox';

/** A value or null: every such field is in the reply, null when unknown. */
export const Nullable = <T extends TSchema>(schema: T): TUnion<[T, TNull]> => Type.Union([schema, Type.Null()]);

/** One of a fixed list of words. */
export const literals = <T extends string>(values: readonly T[]): TUnion<TLiteral<T>[]> => Type.Union(values.map((value) => Type.Literal(value)));

/** An instant as ISO 8601 UTC, e.g. 2026-11-23T02:00:00.000Z. */
export const IsoTime = Type.String({ format: 'date-time' });

/** A China calendar day, YYYY-MM-DD. */
export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** Ids of queues, agents, units, forms: letters, digits, _ and -. */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/** A call's unique id (Asterisk's linkedid, or a test's name). */
export const CallId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:~-]+$' });
