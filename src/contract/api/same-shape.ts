// Compile-time checks that a reply schema and the type the server builds the reply from have the
// same fields all the way down (readonly aside): a field the schema lacks would be dropped from the
// answer without a word (Fastify serializes replies by their schema), so it must not compile.

/** T with every field, all the way down, read-only. */
export type DeepReadonly<T> = unknown extends T ? T : T extends string | number | boolean | null | undefined ? T : { readonly [K in keyof T]: DeepReadonly<T[K]> };
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** true when A and B describe the same values, readonly modifiers aside. */
export type SameShape<A, B> = Same<DeepReadonly<A>, DeepReadonly<B>>;

/** Compiles only when its argument is true: `type _X = Assert<SameShape<A, B>>`. */
export type Assert<T extends true> = T;
