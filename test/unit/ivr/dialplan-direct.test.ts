import { describe, expect, it } from 'vitest';
import { compileFlowsToDialplan, entryKey } from '../../../src/domain/ivr/dialplan-compiler.js';
import { callerFacts, directContext, directContexts, nextHoursChange, registryEntries, scheduleFacts } from '../../../src/domain/ivr/dialplan-direct.js';
import { withFlowKeys } from '../../../src/domain/ivr/global-keys.js';
import type { FlowSet } from '../../../src/domain/ivr/flow-types.js';
import { shippedFlowSet } from '../../helpers/shipped-flows.js';

const flows = shippedFlowSet();
const compiled = compileFlowsToDialplan(flows, 'survey');

function context(name: string): string[] {
  const block = compiled.text.split('\n\n').find((b) => b.startsWith(`[${name}]`));
  if (!block) throw new Error(`no context ${name}`);
  return block.split('\n');
}

describe('the compiled menus\' own arrival (no server at arrival)', () => {
  it('starts each dialed number of routes.yaml at its flow\'s first node, any other number at the "*" flow', () => {
    expect(compiled.direct).toBe(true);
    const lines = context(directContext(compiled.version));
    const startOf = (flowId: string): string => {
      const flow = flows.flows.get(flowId)!;
      return compiled.contexts[entryKey(flowId, flow.start, withFlowKeys(flows, {}, flow))] ?? '';
    };
    // The facts' step also takes the first node's own first step (dialplan-steps.ts), so each goes on at that node's second priority.
    const gotos = lines.filter((l) => l.includes(',Goto(')).map((l) => l.replace(/^.*Goto\(([^,]+),s,2\)$/, '$1'));
    expect(gotos).toEqual([startOf('main'), startOf('enterprise'), startOf('main')]);
    expect(lines.filter((l) => l.startsWith('exten => ')).map((l) => l.split(',')[0])).toEqual(['exten => 12345', 'exten => 123452', 'exten => _X.']);
    // The same four values the server's seed sets, from the globals of the caller's application.
    const facts = lines.find((l) => l.startsWith('exten => 12345,1,MSet(')) ?? '';
    // In the same step, the hangup handler (quoted: its commas stay in one value of MSet).
    expect(facts).toMatch(/^exten => 12345,1,MSet\(HOTLINE_IVR_PATH=\$\{HOTLINE_IVR_PATH\}\|\$\{STRFTIME\(,,%s%3q\)\}\/n\/main\/route\/[^,]*,HOTLINE_LANG=\$\{GLOBAL\(HOTLINE_IVR_LANG_\$\{HOTLINE_APP\}\)\},HOTLINE_FACTS=\/\$\{DB\(.*\)\}dialed:\$\{EXTEN\}\/\$\{GLOBAL\(HOTLINE_HOURS_\$\{HOTLINE_APP\}\)\},CHANNEL\(hangup_handler_push\)="ivr-[0-9a-f]{8}-left,s,1"\)$/);
  });

  it('looks a caller up as the registries spell numbers, in the one step that sets the facts, and the anonymous caller under a key of its own', () => {
    const lines = context(directContext(compiled.version)).join('\n');
    expect(lines).toContain('${DB(hotline-callers/${HOTLINE_APP}/${DB(hotline-callers/${HOTLINE_APP}/active)}/${IF($["${CALLERID(num)}" = "" | "${CALLERID(num)}" = "anonymous"]?anonymous:');
    expect(lines).toContain('${IF($["${FILTER(0123456789,${CALLERID(num)}):0:4}" = "0086"]?${FILTER(0123456789,${CALLERID(num)}):4}:');
    // Two steps a dialed number: the facts with the hangup handler, the flow's start.
    expect(context(directContext(compiled.version)).slice(1)).toHaveLength(3 * 2);
    const entries = registryEntries([['13900000065', { elderly: true, enterprise: null }], ['13800000000', { elderly: false, enterprise: null }]]);
    expect([...entries]).toEqual([['13900000065', 'caller:elderly/'], ['anonymous', 'caller:anonymous/']]);
  });

  it('leaves the arrival to the server when a dialed number cannot be an extension or a flow has no start', () => {
    expect(directContexts('abcd0123', { '12345': 'main', '*': 'main' }, () => 'ivr-x')).not.toBeNull();
    expect(directContexts('abcd0123', { '1234#': 'main', '*': 'main' }, () => 'ivr-x')).toBeNull();
    expect(directContexts('abcd0123', { '*': 'missing' }, () => null)).toBeNull();
    const odd: FlowSet = { ...flows, entries: { ...flows.entries, 'vip-line': 'main' } };
    const withOdd = compileFlowsToDialplan(odd);
    expect(withOdd.direct).toBe(false);
    expect(withOdd.text).not.toContain(`[${directContext(withOdd.version)}]`);
  });

  it('writes a registered caller\'s facts as the seed does, and the schedules\' facts with their next change', () => {
    expect(callerFacts({ elderly: true, enterprise: null })).toBe('caller:elderly/');
    expect(callerFacts({ elderly: true, enterprise: { name: 'x', creditCode: 'y' } })).toBe('caller:elderly/caller:enterprise/');
    expect(callerFacts({ elderly: false, enterprise: null })).toBe('');
    const hours = { isOpen: (id: string) => id === 'day', hoursChange: (id: string) => (id === 'day' ? 120_000 : null) };
    expect(scheduleFacts(hours, ['day', 'night'], 0)).toEqual(['open:day', 'change:day@120', 'change:night@99999999999']);
    expect(nextHoursChange(hours, ['day', 'night'], 0)).toBe(120_000);
    expect(nextHoursChange({ isOpen: () => true }, ['day'], 0)).toBeNull();
  });
});
