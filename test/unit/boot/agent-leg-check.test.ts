// The agent-leg context looked for at each AMI link-up: read from `dialplan show s@agent-leg`
// (the outputs below are Asterisk 22.10.1's own), and what the answer does to the dialing.
import { describe, expect, it } from 'vitest';
import { readAgentLegDialplan } from '../../../src/adapters/ami/agent-leg-dialplan.js';
import { checkAgentLegContext } from '../../../src/boot/agent-leg-check.js';
import { capturedLog } from '../../helpers/log-lines.js';

const READY = [
  "[ Context 'agent-leg' created by 'pbx_config' ]",
  "  's' =>            1. MixMonitor(../recording/${HOTLINE_RECORDING}.wav) [hotline.conf:99]",
  '                    2. Stasis(${HOTLINE_LEG_APP},${HOTLINE_LEG_ARGS}) [hotline.conf:100]',
  '                    3. Hangup()                                   [hotline.conf:101]',
  '',
  '-= 1 extension (3 priorities) in 1 context. =-',
];
const NO_CONTEXT = ["There is no existence of 'agent-leg' context", "Command 'dialplan show s@agent-leg' failed."];
const NO_EXTENSION = ['There is no existence of s@agent-leg extension', "Command 'dialplan show s@agent-leg' failed."];
const NO_RECORDER = [
  "[ Context 'agent-leg' created by 'pbx_config' ]",
  "  's' =>            1. Stasis(${HOTLINE_LEG_APP},${HOTLINE_LEG_ARGS}) [hotline.conf:99]",
  '                    2. Hangup()                                   [hotline.conf:100]',
  '',
  '-= 1 extension (2 priorities) in 1 context. =-',
];

describe('readAgentLegDialplan', () => {
  it('is ready with the recorder and the hand-over, missing without the context or the extension, incomplete with one step gone', () => {
    expect(readAgentLegDialplan(READY)).toBe('ready');
    expect(readAgentLegDialplan(NO_CONTEXT)).toBe('missing');
    expect(readAgentLegDialplan(NO_EXTENSION)).toBe('missing');
    expect(readAgentLegDialplan([])).toBe('missing');
    expect(readAgentLegDialplan(NO_RECORDER)).toBe('incomplete');
  });
});

describe('checkAgentLegContext', () => {
  const dialing = (): { calls: boolean[]; dialLegsThroughDialplan: (on: boolean) => void } => {
    const calls: boolean[] = [];
    return { calls, dialLegsThroughDialplan: (on) => calls.push(on) };
  };

  it('dials through the context where it is complete, straight into the application where it is not, with an error of its own code', async () => {
    const log = capturedLog('info');
    const switched = dialing();
    expect(await checkAgentLegContext(async () => NO_CONTEXT, switched, log.logger)).toBe('missing');
    expect(await checkAgentLegContext(async () => NO_RECORDER, switched, log.logger)).toBe('incomplete');
    // Found again (the current dialplan loaded, the AMI link up again): back through the context.
    expect(await checkAgentLegContext(async () => READY, switched, log.logger)).toBe('ready');
    expect(switched.calls).toEqual([false, false, true]);
    const errors = log.lines().filter((line) => line.level === 'error');
    expect(errors.map((line) => [line.code, line.found])).toEqual([['AGENT_LEG_CONTEXT_MISSING', 'missing'], ['AGENT_LEG_CONTEXT_MISSING', 'incomplete']]);
    expect(String(errors[0]?.msg)).toContain('dialplan/hotline.conf');
  });

  it('changes nothing when the command is refused (an AMI user without the command right), and says so', async () => {
    const log = capturedLog('info');
    const switched = dialing();
    expect(await checkAgentLegContext(async () => Promise.reject(new Error('Permission denied')), switched, log.logger)).toBeNull();
    expect(switched.calls).toEqual([]);
    expect(log.lines().filter((line) => line.level === 'warn').map((line) => line.code)).toEqual(['AGENT_LEG_CONTEXT_UNREAD']);
  });
});
