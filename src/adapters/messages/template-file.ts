// Reads the text-message templates (fixtures/sms-templates.yaml by default) through the one
// data-file loader; a bad file throws DataFileError with every problem listed.
import { parseTextTemplates, type TextTemplates } from '../../domain/messages/text-templates.js';
import { loadDataFile } from '../files/data-file.js';

export function loadTextTemplates(file: string): TextTemplates {
  return loadDataFile(file, parseTextTemplates);
}
