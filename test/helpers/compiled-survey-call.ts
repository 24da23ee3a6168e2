// A caller who talks with an agent until the agent hangs up, then hears the survey compiled into
// the dialplan: what the tests of the compiled survey under a fault (a killed server, a cut AMI
// link) share. The demo phone answers; 1.5 s into the conversation its leg is hung up as the agent
// would, and `surveyAsked` settles when Asterisk starts the survey's question on the caller's line.
import type { AriEvent } from '../../src/adapters/ari/ari-events.js';
import { isPromptApplication } from '../../src/domain/ivr/dialplan-nodes.js';
import type { CallOutcome } from '../../src/tools/citizen-caller.js';
import type { TestCaller } from './test-caller.js';

export interface CompiledSurveyCall {
  /** The call as the caller lives it, to its end. */
  readonly call: Promise<CallOutcome>;
  readonly surveyAsked: Promise<void>;
  /** The caller's own leg (known once dialing). */
  readonly callerLeg: () => string;
}

export function callIntoCompiledSurvey(sim: TestCaller, from: string, holdSeconds = 40): CompiledSurveyCall {
  let callerLeg = '';
  let asked: () => void = () => undefined;
  const surveyAsked = new Promise<void>((resolve) => (asked = resolve));
  const onAri = (event: AriEvent): void => {
    if (event.type !== 'ChannelDialplan' || event.channel.id !== `${callerLeg}-2`) return;
    if (isPromptApplication(event.dialplan_app) && event.dialplan_app_data.includes('survey_question')) {
      sim.ari.off('event', onAri);
      asked();
    }
  };
  sim.ari.on('event', onAri);
  let agentHungUp = false;
  const call = sim.caller.call({ from, to: '12345', holdSeconds }, (event) => {
    if (event.event === 'dialing') callerLeg = event.callId;
    if (event.event !== 'answered' || agentHungUp) return;
    agentHungUp = true;
    setTimeout(() => {
      void sim.ari.listChannels().then(async (channels) => {
        const leg = channels.find((channel) => channel.id.startsWith('agentleg-') && channel.id.includes(callerLeg) && !channel.id.endsWith('-phone'));
        if (leg) await sim.ari.hangup(leg.id);
      });
    }, 1500);
  });
  // A call that ends before the question (a failure the test reports) must not leave the listener.
  void call.finally(() => sim.ari.off('event', onAri));
  return { call, surveyAsked, callerLeg: () => callerLeg };
}
