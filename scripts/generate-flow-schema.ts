// Writes ivr-flows/flow.schema.json from the TypeBox flow schema (src/adapters/flows/flow-schema.ts).
// Run after changing the flow types or schema: npx tsx scripts/generate-flow-schema.ts
// A test fails while the committed file is stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLOW_SCHEMA_FILE, renderFlowSchemaJson } from '../src/adapters/flows/flow-schema-json.js';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(repoDir, FLOW_SCHEMA_FILE);
const text = renderFlowSchemaJson();
const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
if (current === text) {
  console.log(`${FLOW_SCHEMA_FILE} is up to date`);
} else {
  fs.writeFileSync(target, text);
  console.log(`wrote ${FLOW_SCHEMA_FILE}`);
}
