import { describe, expect, it } from 'vitest';
import { loadFlowDir } from '../../../src/adapters/flows/flow-loader.js';
import { QUEUE_PROMPTS } from '../../../src/domain/calls/queue-announcement.js';

describe("the server's own prompts are checked like the flows'", () => {
  it('the shipped prompt files have a text for every queue announcement prompt', () => {
    const result = loadFlowDir('ivr-flows', { queues: { file: 'fixtures/queues.yaml' }, systemPrompts: QUEUE_PROMPTS });
    expect(result.problems).toEqual([]);
  });

  it('a server prompt without a text is FLOW_UNKNOWN_PROMPT, pointed at the prompt file', () => {
    const result = loadFlowDir('ivr-flows', { queues: { file: 'fixtures/queues.yaml' }, systemPrompts: ['queue_position_is', 'no_such_prompt'] });
    expect(result.flowSet).toBeUndefined();
    expect(result.problems.map((p) => [p.file, p.path, p.code])).toEqual([['prompts/zh-CN.yaml', 'no_such_prompt', 'FLOW_UNKNOWN_PROMPT']]);
  });
});
