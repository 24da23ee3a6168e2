// Reads the request taxonomy (fixtures/categories.yaml by default) through the one data-file loader;
// a bad file throws DataFileError with every problem listed, like the flows and the ACD files.
import { parseCategories, type Taxonomy } from '../../domain/tickets/categories.js';
import { loadDataFile } from '../files/data-file.js';

export function loadCategories(file: string): Taxonomy {
  return loadDataFile(file, parseCategories);
}
