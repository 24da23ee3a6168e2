// The IVR engine: a pure step function over a checked flow set. It never waits, plays or reads a
// clock; it says what to do (commands) and is told what happened (events, with their time).
import type { IvrStep } from '../calls/call-facts.js';
import type { CollectNode, Flow, FlowNode, FlowSet, MenuNode, Target } from './flow-types.js';
import type { CallerProfile, IvrCommand, IvrEvent, IvrOutcome, IvrState, IvrWait, Sound, StepResult } from './ivr-protocol.js';
import { conditionHolds } from './conditions.js';
import { withFlowKeys } from './global-keys.js';
import { sayPromptIds, saySounds } from './say-node.js';

export interface IvrContext {
  readonly flows: FlowSet;
  /** Whether a schedule is open at an instant (the calendar lives outside the engine's concern). */
  readonly isOpen: (scheduleId: string, at: number) => boolean;
  /**
   * When a schedule next opens or closes after an instant (null: not within two weeks). The engine
   * reads hours when it reaches the node; the compiled menus get this at arrival so that they do
   * too. Absent, they decide hours at arrival.
   */
  readonly hoursChange?: (scheduleId: string, at: number) => number | null;
}

/** A flow set that passed the checker cannot loop without keys; this cap protects against one that did not. */
const MAX_TRANSITIONS_PER_STEP = 64;

type Draft = { -readonly [K in keyof IvrState]: IvrState[K] };

class Run {
  readonly s: Draft;
  readonly commands: IvrCommand[] = [];
  private transitions = 0;

  constructor(
    private readonly ctx: IvrContext,
    state: IvrState,
  ) {
    this.s = { ...state, path: [...state.path] };
  }

  result(): StepResult {
    return { state: this.s, commands: this.commands };
  }

  private token(prefix: string): string {
    this.s.seq += 1;
    return `${prefix}${this.s.seq}`;
  }

  record(step: IvrStep): void {
    (this.s.path as IvrStep[]).push(step);
  }

  flow(id = this.s.flowId): Flow | undefined {
    return this.ctx.flows.flows.get(id);
  }

  node(): FlowNode | undefined {
    return this.flow()?.nodes[this.s.nodeId];
  }

  finish(outcome: IvrOutcome, at: number, detail?: string): void {
    this.s.status = 'done';
    this.s.outcome = outcome;
    this.s.wait = { kind: 'none' };
    this.record({ at, kind: 'outcome', outcome: outcome.kind, ...(detail ? { detail } : {}) });
  }

  fallback(reason: string, at: number): void {
    this.commands.push({ type: 'SendToHuman', reason });
    this.finish({ kind: 'fallback', reason }, at, reason);
  }

  play(prompts: readonly Sound[], bargeIn: boolean, then: Extract<IvrWait, { kind: 'prompts' }>['then']): void {
    const token = this.token('p');
    this.commands.push({ type: 'PlayPrompts', token, prompts, language: this.s.language });
    this.s.wait = { kind: 'prompts', token, bargeIn, then };
  }

  /** Stops whatever the engine is waiting on (prompts or a timer) before it moves on. */
  interrupt(at: number): void {
    const wait = this.s.wait;
    if (wait.kind === 'prompts') {
      this.commands.push({ type: 'StopPrompts', token: wait.token });
      this.record({ at, kind: 'prompt', prompt: this.currentPromptLabel(), outcome: 'interrupted' });
    } else if (wait.kind === 'keys') {
      this.commands.push({ type: 'CancelTimer', token: wait.token });
    }
    this.s.wait = { kind: 'none' };
  }

  private currentPromptLabel(): string {
    const node = this.node();
    if (!node) return '?';
    if (node.type === 'play') return node.prompts.join('+');
    if (node.type === 'say') return sayPromptIds(node).join('+') || 'say';
    return 'prompt' in node && node.prompt ? node.prompt : '?';
  }

  goTo(target: Target, at: number): void {
    const flowId = typeof target === 'string' ? this.s.flowId : target.flow;
    const flow = this.flow(flowId);
    if (!flow) return this.fallback(`unknown flow ${flowId}`, at);
    const nodeId = typeof target === 'string' ? target : (target.node ?? flow.start);
    if (flowId !== this.s.flowId) this.enterFlow(flow);
    this.enter(nodeId, at);
  }

  enterFlow(flow: Flow): void {
    this.s.globalKeys = withFlowKeys(this.ctx.flows, this.s.globalKeys, flow);
    this.s.flowId = flow.id;
  }

  enter(nodeId: string, at: number): void {
    this.transitions += 1;
    if (this.transitions > MAX_TRANSITIONS_PER_STEP) return this.fallback('too many transitions without a key', at);
    const flow = this.flow();
    const node = flow?.nodes[nodeId];
    if (!flow || !node) return this.fallback(`unknown node ${this.s.flowId}:${nodeId}`, at);
    this.s.nodeId = nodeId;
    this.s.attempts = 0;
    this.s.digits = '';
    this.record({ at, kind: 'node', flow: flow.id, node: nodeId, flowName: flow.name });
    this.run(node, at);
  }

  private run(node: FlowNode, at: number): void {
    switch (node.type) {
      case 'play':
        return this.play(node.prompts, node.bargeIn ?? false, 'advance');
      case 'say': {
        const sounds = saySounds(node, this.s.variables);
        // Nothing to say (every value missing): the caller goes on without a silent pause.
        return sounds.length > 0 ? this.play(sounds, node.bargeIn ?? false, 'advance') : this.goTo(node.next, at);
      }
      case 'menu':
      case 'collect':
        return this.play([node.prompt], true, 'listen');
      case 'branch': {
        const match = node.cases.find((c) => conditionHolds(c.when, this.s));
        return this.goTo(match ? match.next : node.otherwise, at);
      }
      case 'hours':
        return this.goTo(this.ctx.isOpen(node.schedule, at) ? node.open : node.closed, at);
      case 'queue':
        this.commands.push({ type: 'EnqueueCall', queue: node.queue, priority: node.priority ?? null, skills: node.skills ?? [] });
        return this.finish({ kind: 'queued', queue: node.queue, priority: node.priority ?? null, skills: node.skills ?? [] }, at, node.queue);
      case 'message':
        return this.play([node.prompt], false, 'record');
      case 'transfer':
        if (node.prompt) return this.play([node.prompt], false, 'transfer');
        return this.transfer(node.destination, at);
      case 'set':
        this.s.variables = { ...this.s.variables, ...(node.variables ?? {}) };
        if (node.language) this.s.language = node.language;
        return this.goTo(node.next, at);
      case 'goto':
        return this.goTo(node.target, at);
      case 'hangup':
        if (node.prompt) return this.play([node.prompt], false, 'hangup');
        return this.hangUp(at);
    }
  }

  transfer(destination: string, at: number): void {
    this.commands.push({ type: 'TransferCall', destination });
    this.finish({ kind: 'transferred', destination }, at, destination);
  }

  hangUp(at: number): void {
    this.commands.push({ type: 'HangUp' });
    this.finish(this.s.outcome ?? { kind: 'hangup' }, at);
  }

  listen(node: MenuNode | CollectNode): void {
    const seconds = node.type === 'menu' ? node.timeoutSeconds : this.s.digits ? node.interDigitTimeoutSeconds : (node.firstDigitTimeoutSeconds ?? node.interDigitTimeoutSeconds * 2);
    const token = this.token('t');
    this.commands.push({ type: 'StartTimer', token, ms: Math.round(seconds * 1000) });
    this.s.wait = { kind: 'keys', token };
  }

  /** A timeout or a wrong key: try again while tries remain, else take the given route. */
  retry(node: MenuNode | CollectNode, extraPrompt: string | undefined, route: Target, at: number): void {
    this.s.attempts += 1;
    if (this.s.attempts > node.retries) return this.goTo(route, at);
    this.s.digits = '';
    this.play(extraPrompt ? [extraPrompt, node.prompt] : [node.prompt], true, 'listen');
  }
}

/** A call's IVR state before its first step (also the base of one the compiled menus hand back). */
export function initialState(caller: CallerProfile, flowId: string, language: string, variables: Readonly<Record<string, string>> = {}): IvrState {
  return {
    flowId,
    nodeId: '',
    wait: { kind: 'none' },
    attempts: 0,
    digits: '',
    variables: { ...variables },
    language,
    globalKeys: {},
    caller,
    path: [],
    status: 'running',
    outcome: null,
    seq: 0,
  };
}

/**
 * A call enters a flow at its start. `variables`: values the flow reads from the start (an outbound
 * call gives e.g. ticketNumber, ticketDate, summary; see the flow's `variables`), as if set by a set node.
 */
export function startIvr(ctx: IvrContext, caller: CallerProfile, flowId: string, at: number, language: string, variables: Readonly<Record<string, string>> = {}): StepResult {
  const run = new Run(ctx, initialState(caller, flowId, language, variables));
  const flow = run.flow(flowId);
  if (!flow) {
    run.fallback(`unknown flow ${flowId}`, at);
    return run.result();
  }
  run.enterFlow(flow);
  run.enter(flow.start, at);
  return run.result();
}

/**
 * Goes on from a node that menus run elsewhere (compiled into the dialplan) led to, with the path
 * they took: the global keys in effect are those of the flows the path entered, in order.
 */
export function resumeIvr(ctx: IvrContext, caller: CallerProfile, path: IvrState['path'], flowId: string, nodeId: string, at: number, language: string): StepResult {
  const run = new Run(ctx, { ...initialState(caller, flowId, language), path, seq: path.length });
  const entered = [...path.flatMap((step) => (step.kind === 'node' ? [step.flow] : [])), flowId];
  let current = '';
  for (const id of entered) {
    const flow = run.flow(id);
    if (flow && id !== current) run.enterFlow(flow);
    current = id;
  }
  if (!run.flow(flowId)) run.fallback(`unknown flow ${flowId}`, at);
  else run.enter(nodeId, at);
  return run.result();
}

export function stepIvr(ctx: IvrContext, state: IvrState, event: IvrEvent): StepResult {
  if (state.status === 'done' || event.type === 'IvrStarted') return { state, commands: [] };
  const run = new Run(ctx, state);
  switch (event.type) {
    case 'PromptsFinished':
      promptsFinished(run, event.token, event.outcome, event.at);
      break;
    case 'KeyPressed':
      keyPressed(run, event.key, event.at, true);
      break;
    case 'TimerFired':
      timerFired(run, event.token, event.at);
      break;
    case 'RecordingFinished':
      recordingFinished(run, event.token, event.durationMs, event.at);
      break;
  }
  return run.result();
}

function promptsFinished(run: Run, token: string, outcome: 'played' | 'failed', at: number): void {
  const wait = run.s.wait;
  if (wait.kind !== 'prompts' || wait.token !== token) return;
  const node = run.node();
  if (!node) return run.fallback('lost node', at);
  const prompts = node.type === 'play' ? node.prompts : node.type === 'say' ? sayPromptIds(node) : 'prompt' in node && node.prompt ? [node.prompt] : [];
  for (const prompt of prompts) run.record({ at, kind: 'prompt', prompt, outcome });
  run.s.wait = { kind: 'none' };
  // A prompt that failed to play must not strand the caller: go on as if it had been heard.
  switch (wait.then) {
    case 'advance':
      return node.type === 'play' || node.type === 'say' ? run.goTo(node.next, at) : undefined;
    case 'listen':
      return node.type === 'menu' || node.type === 'collect' ? run.listen(node) : undefined;
    case 'record': {
      if (node.type !== 'message') return;
      const recording = `r${run.s.seq + 1}`;
      run.s.seq += 1;
      run.commands.push({ type: 'RecordMessage', token: recording, maxSeconds: node.maxSeconds, beep: node.beep ?? true });
      run.s.wait = { kind: 'recording', token: recording };
      return;
    }
    case 'transfer':
      return node.type === 'transfer' ? run.transfer(node.destination, at) : undefined;
    case 'hangup':
      return run.hangUp(at);
  }
}

function keyPressed(run: Run, key: string, at: number, allowTypeAhead: boolean): void {
  const node = run.node();
  if (!node) return;
  if (node.type === 'collect' && (run.s.wait.kind === 'keys' || run.s.wait.kind === 'prompts')) return collectKey(run, node, key, at);
  // While a voice message records, keys belong to the recording ('#' ends it in Asterisk).
  if (run.s.wait.kind === 'recording') return;
  const global = run.s.globalKeys[key];
  // A key that leads to a flow the caller is already in (e.g. 0 again on the way to the elderly
  // lane) would only restart it: it is noted and otherwise ignored.
  const alreadyThere = global !== undefined && global.flow === run.s.flowId && global.node === run.flow()?.start;
  if (global && !alreadyThere) {
    run.interrupt(at);
    run.record({ at, kind: 'key', key, label: global.label, global: true });
    return run.goTo({ flow: global.flow, node: global.node }, at);
  }
  const wait = run.s.wait;
  if (node.type === 'menu' && (wait.kind === 'keys' || wait.kind === 'prompts')) return menuKey(run, node, key, at);
  if ((node.type === 'play' || node.type === 'say') && wait.kind === 'prompts' && wait.bargeIn) {
    run.interrupt(at);
    run.record({ at, kind: 'key', key });
    run.goTo(node.next, at);
    // Type-ahead: the key that skipped a prompt also answers the menu that follows it.
    const next = run.node();
    if (allowTypeAhead && run.s.status === 'running' && (next?.type === 'menu' || next?.type === 'collect')) keyPressed(run, key, at, false);
    return;
  }
  run.record({ at, kind: 'key', key, label: 'ignored' });
}

function menuKey(run: Run, node: MenuNode, key: string, at: number): void {
  run.interrupt(at);
  const option = node.options[key];
  if (option) {
    run.record({ at, kind: 'key', key, label: option.label });
    return run.goTo(option.next, at);
  }
  run.record({ at, kind: 'invalid', node: run.s.nodeId, key });
  run.retry(node, node.invalidPrompt, node.invalid ?? node.noInput, at);
}

function collectKey(run: Run, node: CollectNode, key: string, at: number): void {
  const terminator = node.terminator ?? '#';
  run.interrupt(at);
  if (key === terminator) return finishCollect(run, node, at);
  run.s.digits += key;
  if (run.s.digits.length >= node.maxLength) return finishCollect(run, node, at);
  run.listen(node);
}

function finishCollect(run: Run, node: CollectNode, at: number): void {
  const digits = run.s.digits;
  if (digits.length === 0) {
    run.record({ at, kind: 'timeout', node: run.s.nodeId });
    return run.retry(node, undefined, node.noInput, at);
  }
  const valid = digits.length >= node.minLength && digits.length <= node.maxLength && (!node.pattern || new RegExp(`^(?:${node.pattern})$`).test(digits));
  if (!valid) {
    run.record({ at, kind: 'invalid', node: run.s.nodeId, key: `${digits.length} digits` });
    return run.retry(node, node.invalidPrompt, node.invalid ?? node.noInput, at);
  }
  // The digits may be an ID or account number: the path keeps only their length.
  run.record({ at, kind: 'collected', variable: node.variable, length: digits.length });
  run.s.variables = { ...run.s.variables, [node.variable]: digits };
  run.goTo(node.next, at);
}

function timerFired(run: Run, token: string, at: number): void {
  const wait = run.s.wait;
  if (wait.kind !== 'keys' || wait.token !== token) return;
  run.s.wait = { kind: 'none' };
  const node = run.node();
  if (node?.type === 'collect') return finishCollect(run, node, at);
  if (node?.type !== 'menu') return;
  run.record({ at, kind: 'timeout', node: run.s.nodeId });
  run.retry(node, node.noInputPrompt, node.noInput, at);
}

function recordingFinished(run: Run, token: string, durationMs: number, at: number): void {
  const wait = run.s.wait;
  if (wait.kind !== 'recording' || wait.token !== token) return;
  const node = run.node();
  run.s.outcome = { kind: 'message', durationMs };
  if (node?.type === 'message' && node.thanksPrompt) return run.play([node.thanksPrompt], false, 'hangup');
  run.hangUp(at);
}
