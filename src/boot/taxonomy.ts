// The request taxonomy every ticket is filed under, read at start-up (CATEGORIES_INVALID when bad).
import { loadCategories } from '../adapters/tickets/category-file.js';
import type { Config } from '../config.js';
import type { Taxonomy } from '../domain/tickets/categories.js';
import { readStartupFile } from './startup-file.js';

export function loadTaxonomy(config: Config): Taxonomy {
  return readStartupFile('CATEGORIES_INVALID', config.files.categories, () => loadCategories(config.files.categories));
}
