// GET /api/categories: the request taxonomy (诉求分类) the ticket form and the reports use.
import { Type, type Static } from '@sinclair/typebox';
import type { Category as TaxonomyCategory } from '../../domain/tickets/categories.js';
import type { Assert, SameShape } from './same-shape.js';

export const Subcategory = Type.Object({ code: Type.String({ pattern: '^\\d{4}$' }), name: Type.String(), en: Type.String() });
export type Subcategory = Static<typeof Subcategory>;
export const Category = Type.Object({ code: Type.String({ pattern: '^\\d{2}$' }), name: Type.String(), en: Type.String(), children: Type.Array(Subcategory) });
export type Category = Static<typeof Category>;
export type _CategoryIsTheTaxonomys = Assert<SameShape<Category, TaxonomyCategory>>;

export const CategoriesReply = Type.Object({ categories: Type.Array(Category) });
export type CategoriesReply = Static<typeof CategoriesReply>;
