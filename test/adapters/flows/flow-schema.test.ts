import fs from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FLOW_SCHEMA_FILE, renderFlowSchemaJson } from '../../../src/adapters/flows/flow-schema-json.js';
import { FlowFileSchema } from '../../../src/adapters/flows/flow-schema.js';

describe('the committed flow schema', () => {
  it('is what scripts/generate-flow-schema.ts writes (run it after changing the flow types)', () => {
    expect(fs.readFileSync(FLOW_SCHEMA_FILE, 'utf8')).toBe(renderFlowSchemaJson());
  });

  it('is JSON schema draft-07 with the flow file as its root, strict about fields', () => {
    const schema = JSON.parse(fs.readFileSync(FLOW_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['name', 'start', 'nodes']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('accepts every shipped flow file', () => {
    for (const name of ['main', 'elderly', 'enterprise', 'after-hours', 'survey']) {
      const value: unknown = parse(fs.readFileSync(`ivr-flows/${name}.yaml`, 'utf8'));
      expect([...Value.Errors(FlowFileSchema, value)].map((e) => `${name}${e.path} ${e.message}`)).toEqual([]);
    }
  });

  it('bounds timeouts, retries and recording length', () => {
    const flow = (node: object) => ({ name: 'x', start: 'a', nodes: { a: node } });
    const menu = { type: 'menu', prompt: 'p', options: { '1': { next: 'a', label: '一' } }, timeoutSeconds: 3, retries: 1, noInput: 'a' };
    expect(Value.Check(FlowFileSchema, flow(menu))).toBe(true);
    expect(Value.Check(FlowFileSchema, flow({ ...menu, timeoutSeconds: 0.4 }))).toBe(false);
    expect(Value.Check(FlowFileSchema, flow({ ...menu, timeoutSeconds: 61 }))).toBe(false);
    expect(Value.Check(FlowFileSchema, flow({ ...menu, retries: 6 }))).toBe(false);
    expect(Value.Check(FlowFileSchema, flow({ ...menu, options: { a: { next: 'a', label: '一' } } }))).toBe(false);
    expect(Value.Check(FlowFileSchema, flow({ type: 'message', prompt: 'p', maxSeconds: 600 }))).toBe(true);
    expect(Value.Check(FlowFileSchema, flow({ type: 'message', prompt: 'p', maxSeconds: 601 }))).toBe(false);
  });
});
