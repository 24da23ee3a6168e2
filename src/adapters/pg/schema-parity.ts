// The compiler's check that the PostgreSQL tables give the same rows as the SQLite ones: a column
// added, renamed or typed differently on one side only fails `tsc`, not a test at run time.
import type { InferInsertModel, InferSelectModel, Table } from 'drizzle-orm';
import type * as lite from '../db/schema.js';
import type * as pg from './schema.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type RowsAgree<L extends Table, P extends Table> = Same<InferSelectModel<L>, InferSelectModel<P>> extends true ? (Same<InferInsertModel<L>, InferInsertModel<P>> extends true ? true : false) : false;

type TableNames = keyof typeof lite & keyof typeof pg;
type Mismatched = { [K in TableNames]: (typeof lite)[K] extends Table ? ((typeof pg)[K] extends Table ? (RowsAgree<(typeof lite)[K], (typeof pg)[K]> extends true ? never : K) : K) : never }[TableNames];

/** `never` when every table agrees; otherwise the names of those that do not (a compile error below). */
export type SchemaMismatch = Mismatched;
const agree: [SchemaMismatch] extends [never] ? true : SchemaMismatch = true;
export const SCHEMAS_AGREE = agree;
