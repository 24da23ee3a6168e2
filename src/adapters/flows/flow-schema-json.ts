// The flow schema as the JSON file committed in ivr-flows/ (for editors: yaml-language-server, VS Code).
// Keys are sorted so that the output only changes when the schema does.
import { FlowFileSchema } from './flow-schema.js';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

export const FLOW_SCHEMA_FILE = 'ivr-flows/flow.schema.json';

/** The text of ivr-flows/flow.schema.json: pretty, stable, ending with a newline. */
export function renderFlowSchemaJson(): string {
  const schema = { $schema: 'http://json-schema.org/draft-07/schema#', ...FlowFileSchema };
  return `${JSON.stringify(sortKeys(schema), null, 2)}\n`;
}
