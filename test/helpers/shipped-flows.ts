// The flows shipped in ivr-flows/, as a FlowSet, for the engine's unit tests.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Flow, FlowSet, FlowSource } from '../../src/domain/ivr/flow-types.js';

export function shippedFlowSet(dir = 'ivr-flows'): FlowSet {
  const flows = new Map<string, Flow>();
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.yaml'))) {
    const id = file.slice(0, -'.yaml'.length);
    if (id === 'routes' || id === 'schedules') continue;
    flows.set(id, { id, ...(parse(fs.readFileSync(path.join(dir, file), 'utf8')) as FlowSource) });
  }
  const routes = parse(fs.readFileSync(path.join(dir, 'routes.yaml'), 'utf8')) as { entries: Record<string, string> };
  return { version: 1, flows, entries: routes.entries };
}
