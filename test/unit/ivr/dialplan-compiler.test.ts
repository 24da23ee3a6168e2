import { describe, expect, it } from 'vitest';
import { parseDialplanMark } from '../../../src/domain/calls/dialplan-call.js';
import { compileFlowsToDialplan, entryKey } from '../../../src/domain/ivr/dialplan-compiler.js';
import { DIALPLAN_CALL_EVENT, DIALPLAN_PATH_EVENT, PATH_PART_BYTES } from '../../../src/domain/ivr/dialplan-marks.js';
import { decodePath, encodePath, DialplanPathError } from '../../../src/domain/ivr/dialplan-path.js';
import { decodeSurveyVariables, SURVEY_ENDED_EVENT, surveyArrivalContext } from '../../../src/domain/ivr/dialplan-survey.js';
import { startIvr } from '../../../src/domain/ivr/ivr-engine.js';
import type { FlowSet } from '../../../src/domain/ivr/flow-types.js';
import { shippedFlowSet } from '../../helpers/shipped-flows.js';

const flows = shippedFlowSet();
const compiled = compileFlowsToDialplan(flows);

/** The lines of one context of the compiled text. */
function context(name: string): string[] {
  const blocks = compiled.text.split('\n\n');
  const block = blocks.find((b) => b.startsWith(`[${name}]`));
  if (!block) throw new Error(`no context ${name}`);
  return block.split('\n');
}

describe('IVR flows compiled into the dialplan', () => {
  it('names every context with the version hash, and a changed flow gets a new version', () => {
    expect(compiled.version).toMatch(/^[0-9a-f]{8}$/);
    const names = [...compiled.text.matchAll(/^\[([^\]]+)\]$/gm)].map((m) => m[1] ?? '');
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(name.startsWith(`ivr-${compiled.version}-`) && name.length < 80).toBe(true);
    const main = flows.flows.get('main')!;
    const changed: FlowSet = { ...flows, flows: new Map([...flows.flows, ['main', { ...main, name: '主菜单2' }]]) };
    expect(compileFlowsToDialplan(changed).version).not.toBe(compiled.version);
    expect(compileFlowsToDialplan(shippedFlowSet()).text).toBe(compiled.text);
  });

  it('gives the engine\'s arrival stop (the main menu) a context, keyed by the global keys in effect', () => {
    const start = startIvr({ flows, isOpen: () => true }, { number: '1', dialed: '12345', elderly: false, enterprise: null, anonymous: false }, 'main', 0, 'zh-CN');
    const name = compiled.contexts[entryKey(start.state.flowId, start.state.nodeId, start.state.globalKeys)];
    expect(name).toBe(`ivr-${compiled.version}-main-menu`);
  });

  it('answers every option, the elderly key, a wrong key and silence in a menu, with retries', () => {
    const lines = context(`ivr-${compiled.version}-main-consult-menu`);
    const extensions = lines.filter((l) => l.startsWith('exten => ')).map((l) => l.split(',')[0]?.replace('exten => ', ''));
    expect(extensions).toEqual(['s', '1', '2', '3', '0', 'i', 't']);
    expect(lines).toContain(' same => n,Background(hotline/${HOTLINE_LANG}/consult_menu)');
    expect(lines).toContain(' same => n,Background(hotline/${HOTLINE_LANG}/no_input&hotline/${HOTLINE_LANG}/consult_menu)');
    expect(lines).toContain(' same => n,WaitExten(3)');
    expect(lines).toContain(' same => n,GotoIf($[${HOTLINE_TRIES} > 1]?timeout)');
    expect(lines.find((l) => l.startsWith('exten => 0,'))).toContain('/k/0/');
  });

  it('has the elderly key at every depth reached from the main menu, but not where it leads nowhere new', () => {
    for (const name of Object.values(compiled.contexts)) {
      const text = context(name).join('\n');
      if (!text.includes('WaitExten')) continue;
      const fromMain = name.includes('-main-') || name.endsWith('-g1');
      expect(text.includes('exten => 0,1'), name).toBe(fromMain);
    }
    // The greeting of the elderly lane is reached by 0: 0 again does not restart it, so nothing cuts
    // it; every key is seen (written as ignored) and the greeting goes on where the key stopped it.
    const greet = context(`ivr-${compiled.version}-elderly-greet`);
    expect(greet).toContain(' same => n(play0),ControlPlayback(hotline/${HOTLINE_LANG}/elderly_greeting,,D,C,0123456789*#,,,o(${IF($["${CPLAYBACKSTATUS}" = "USERSTOPPED"]?${CPLAYBACKOFFSET}:0)}))');
    expect(greet).toContain(' same => n,Set(HOTLINE_IVR_PATH=${HOTLINE_IVR_PATH}|${STRFTIME(,,%s%3q)}/k/${CPLAYBACKSTOPKEY}/ignored/)');
    expect(greet.join('\n')).not.toContain('exten => 0,1');
    expect(greet.join('\n')).not.toContain('CPLAYBACKSTOPKEY}" = "0"');
  });

  it('hands the call to the server at a queue, with the path and the queue, falling back to a human without it', () => {
    const lines = context(`ivr-${compiled.version}-main-general-queue`).join('\n');
    expect(lines).toContain('/o/queued/general');
    expect(lines).toContain(`Stasis(\${HOTLINE_APP},entry=\${HOTLINE_ENTRY},linkedid=\${CHANNEL(linkedid)},ivr=queued,version=${compiled.version},queue=general,priority=,skills=,path=\${HOTLINE_IVR_PATH})`);
    expect(lines).not.toContain('human-fallback,s,1');
  });

  it('marks a call the server will not get back: the hangup handler from arrival to the hand-back, the server-away mark when no server takes it', () => {
    const v = compiled.version;
    const arrive = context(`ivr-${v}-arrive`);
    // Pushed in the step that seeds the path (the quotes keep the handler's commas in one value), before the first node runs.
    expect(arrive[1]).toMatch(new RegExp(`,CHANNEL\\(hangup_handler_push\\)="ivr-${v}-left,s,1"\\)$`));
    expect(arrive[2]).toBe(' same => n,Goto(${EXTEN},s,1)');
    for (const name of [`ivr-${v}-main-general-queue`, `ivr-${v}-after-hours-message`]) {
      const lines = context(name);
      const stasis = lines.findIndex((line) => line.includes(',Stasis('));
      // Popped right before the hand-back (the queue's path in the same step): a call the server takes is the server's to ticket.
      expect(lines[stasis - 1], name).toMatch(/(,Set\(|,MSet\(.*,)CHANNEL\(hangup_handler_pop\)=\)$/);
      expect(lines[stasis + 1], name).toBe(` same => n,GotoIf($["\${STASISSTATUS}" = "FAILED"]?ivr-${v}-away,s,1)`);
    }
    const away = context(`ivr-${v}-away`).join('\n');
    expect(away).toContain(`CELGenUserEvent(${DIALPLAN_CALL_EVENT},menus-server-away|`);
    expect(away).toContain(`Gosub(ivr-${v}-path,s,1)`);
    expect(away).toContain('Goto(human-fallback,s,1)');
    expect(context(`ivr-${v}-left`).at(-1)).not.toContain('human-fallback');
  });

  it("writes marks the server's reader takes, and the path after them in parts small enough for one line of the records", () => {
    const v = compiled.version;
    const opening = `CELGenUserEvent(${DIALPLAN_CALL_EVENT},`;
    const markText = (name: string): string => {
      const line = context(name).find((l) => l.includes(opening)) ?? '';
      return line.slice(line.indexOf(opening) + opening.length, -1);
    };
    // As Asterisk would substitute it: the number dialed, the path's length, the caller's number.
    const substituted = (text: string): string => text.replace('${HOTLINE_ENTRY}', '12345').replace('${LEN(${HOTLINE_IVR_PATH})}', '812').replace('${CALLERID(num)}', '13800001111');
    expect(parseDialplanMark(substituted(markText(`ivr-${v}-left`)))).toEqual({ reason: 'menus-left', entry: '12345', callerNumber: '13800001111', menusPathBytes: 812 });
    expect(parseDialplanMark(substituted(markText(`ivr-${v}-away`)))).toEqual({ reason: 'server-away', entry: '12345', callerNumber: '13800001111', menusPathBytes: 812 });
    const parts = context(`ivr-${v}-path`).join('\n');
    expect(parts).toContain(`CELGenUserEvent(${DIALPLAN_PATH_EVENT},\${HOTLINE_IVR_PATH:\${from}:${PATH_PART_BYTES}})`);
    expect(PATH_PART_BYTES).toBeLessThanOrEqual(600);
  });

  it('leaves on the path of a caller who hung up each prompt of the play they hung up in, as the engine does', () => {
    const v = compiled.version;
    const numbers = new Map<string, string>();
    // Every play sets HOTLINE_PLAYING to its number, and sets it back to 0 once heard.
    for (const block of compiled.text.split('\n\n')) {
      const lines = block.split('\n');
      lines.forEach((line, i) => {
        const play = /,(Background|Playback)\(([^,)]*)/.exec(line);
        if (!play) return;
        const number = /HOTLINE_PLAYING=(\d+)\)$/.exec(lines[i - 1] ?? '')?.[1];
        expect(number, line).toMatch(/^[1-9]\d*$/);
        const prompts = (play[2] ?? '').split('&').map((sound) => sound.split('/').pop() ?? '');
        expect(numbers.get(number ?? '') ?? prompts.join('&')).toBe(prompts.join('&'));
        numbers.set(number ?? '', prompts.join('&'));
      });
    }
    const left = context(`ivr-${v}-left`);
    expect(left[1]).toBe('exten => s,1,GotoIf($[0${HOTLINE_PLAYING} > 0]?${HOTLINE_PLAYING},1)');
    expect(numbers.size).toBeGreaterThan(5);
    for (const [number, prompts] of numbers) {
      const line = left.find((l) => l.startsWith(`exten => ${number},1,`)) ?? '';
      expect([...line.matchAll(/\/p\/([a-z0-9_-]+)\/interrupted/g)].map((m) => m[1]).join('&'), number).toBe(prompts);
    }
    // The consult menu's retry plays two prompts: both were cut off.
    expect([...numbers.values()]).toContain('invalid_key&consult_menu');
  });

  it('hands a voice message back to the server engine, and decides hours from the arrival facts', () => {
    expect(context(`ivr-${compiled.version}-after-hours-message`).join('\n')).toContain('ivr=resume');
    expect(context(`ivr-${compiled.version}-enterprise-hours`).join('\n')).toContain('=~ "/open:enterprise-desk/"');
    expect(compiled.schedules).toEqual(['enterprise-desk']);
  });

  it('writes a prompt Asterisk could not play as failed, as the engine does, from Background\'s or ControlPlayback\'s status', () => {
    const v = compiled.version;
    expect(context(`ivr-${v}-main-menu`).join('\n')).toContain('/p/main_menu/${IF($["${BACKGROUNDSTATUS}" = "FAILED"]?failed:played)}');
    const plays = compiled.text.split('\n').filter((line) => line.includes('ControlPlayback(hotline/'));
    expect(plays.length).toBeGreaterThan(0);
    expect(compiled.text).not.toMatch(/[^l]Playback\(/);
    expect(compiled.text).toContain('/p/elderly_greeting/${IF($["${CPLAYBACKSTATUS}" = "ERROR"]?failed:played)}');
    expect(compiled.text).not.toMatch(/\/p\/[a-z0-9_]+\/played/);
  });

  it('reads hours when the node is reached: the arrival\'s answer, turned over once the schedule\'s change time has passed', () => {
    const lines = context(`ivr-${compiled.version}-enterprise-hours`).slice(2).map((line) => line.trim());
    // Open at arrival, or changed since, but not both: one step.
    expect(lines).toEqual([
      `same => n,GotoIf($[\${IF($["\${HOTLINE_FACTS}" =~ "/open:enterprise-desk/"]?1:0)} != \${IF($[\${EPOCH} >= $["\${HOTLINE_FACTS}" =~ "/change:enterprise-desk@([0-9]+)/"]]?1:0)}]?ivr-${compiled.version}-enterprise-menu,s,1:ivr-${compiled.version}-after-hours-offer,s,1)`,
    ]);
  });

  it('sets what one step needs in one dialplan step: each step publishes a snapshot of the channel to every subscriber', () => {
    const v = compiled.version;
    const block = (name: string): string[] => compiled.text.split('\n\n').find((b) => b.startsWith(`[${name}]`))!.split('\n').slice(1);
    // The arrival reads the seed's four fields in one step, without writing the seed back (CUT, not SHIFT).
    const arrival = block(`ivr-${v}-arrive`);
    expect(arrival).toHaveLength(2);
    expect(arrival[0]).toBe(`exten => _i.,1,MSet(HOTLINE_LANG=\${CUT(HOTLINE_IVR_SEED,^,1)},HOTLINE_APP=\${CUT(HOTLINE_IVR_SEED,^,2)},HOTLINE_FACTS=\${CUT(HOTLINE_IVR_SEED,^,3)},HOTLINE_IVR_PATH=\${CUT(HOTLINE_IVR_SEED,^,4-)},CHANNEL(hangup_handler_push)="ivr-${v}-left,s,1")`);
    expect(compiled.text).not.toContain('SHIFT(');
    // A menu: its node, tries and prompt in one step, the prompt, its end in one step, the wait.
    const menu = block(`ivr-${v}-main-menu`);
    const first = menu.findIndex((line) => line.startsWith('exten => 1,'));
    expect(menu.slice(0, first).map((line) => /,(\w+)\(/.exec(line)?.[1])).toEqual(['MSet', 'Background', 'MSet', 'WaitExten']);
    expect(menu[2]).toMatch(/^ same => n\(heard\),MSet\(HOTLINE_IVR_PATH=.*,HOTLINE_PLAYING=0\)$/);
    // A key: its step on the path and the next menu's own first step in one, then on to that menu's prompt.
    expect(menu.slice(first, first + 2)).toEqual([
      expect.stringMatching(/^exten => 1,1,MSet\(HOTLINE_IVR_PATH=\$\{HOTLINE_IVR_PATH\}\$\{IF\(.*\/p\/main_menu\/interrupted\)\}\|.*\/k\/1\/.*\|.*\/n\/main\/consult-menu\/.*,HOTLINE_TRIES=0,HOTLINE_PLAYING=\d+\)$/),
      ` same => n,Goto(ivr-${v}-main-consult-menu,s,2)`,
    ]);
    // A wrong key: its step and the try counted in one.
    expect(menu.find((line) => line.startsWith('exten => i,1,'))).toMatch(/\/i\/menu\/\$\{INVALID_EXTEN\},HOTLINE_TRIES=\$\[\$\{HOTLINE_TRIES\}\+1\]\)$/);
    // A branch: its step, then one jump to the first case that holds.
    expect(block(`ivr-${v}-main-route`)).toEqual([
      expect.stringMatching(/^exten => s,1,Set\(HOTLINE_IVR_PATH=.*\/n\/main\/route\//),
      ` same => n,Goto(\${IF($["\${HOTLINE_FACTS}" =~ "/caller:elderly/"]?ivr-${v}-elderly-greet:\${IF($["\${HOTLINE_FACTS}" =~ "/dialed:123452/"]?ivr-${v}-enterprise-hours-g1:ivr-${v}-main-menu)})},s,1)`,
    ]);
    // The queue's step pops the menus' hangup handler in its own context; a key leading there does not take the pop along.
    expect(block(`ivr-${v}-main-general-queue`)[0]).toMatch(/,CHANNEL\(hangup_handler_pop\)=\)$/);
    const consult = block(`ivr-${v}-main-consult-menu`);
    const toQueue = consult.findIndex((line) => line.startsWith('exten => 1,'));
    expect(consult[toQueue]).not.toContain('hangup_handler_pop');
    expect(consult[toQueue + 1]).toBe(` same => n,Goto(ivr-${v}-main-general-queue,s,1)`);
  });

  it('never compiles the flows outbound calls start (they are no entry), and hands a say node reached from an entry back to the server', () => {
    expect(compiled.text).not.toContain('sign-reminder');
    expect(compiled.text).not.toContain('return-visit');
    const main = flows.flows.get('main')!;
    // An entry flow that leads into a say node: the dialplan cannot say call-time values, so the call comes back there.
    const withSay: FlowSet = {
      ...flows,
      flows: new Map([...flows.flows, ['main', { ...main, nodes: { ...main.nodes, 'general-queue': { type: 'say', parts: [{ prompt: 'welcome' }, { digits: '12345' }], next: 'queue-now' }, 'queue-now': { type: 'queue', queue: 'general' } } }]]),
    };
    const again = compileFlowsToDialplan(withSay);
    const sayContext = again.text.split('\n\n').find((b) => b.startsWith(`[ivr-${again.version}-main-general-queue]`)) ?? '';
    expect(sayContext).toContain('ivr=resume');
    expect(sayContext).not.toContain('Playback');
  });

  it('round-trips the engine path through the dialplan words, and refuses a damaged one with a code', () => {
    const start = startIvr({ flows, isOpen: () => true }, { number: '1', dialed: '12345', elderly: false, enterprise: null, anonymous: false }, 'main', 1700000000123, 'zh-CN');
    const path = [...start.state.path, { at: 1700000000200, kind: 'key', key: '0', label: '老年人,一键;转', global: true } as const, { at: 1700000000300, kind: 'invalid', node: 'menu', key: '#' } as const];
    expect(decodePath(encodePath(path))).toEqual(path);
    // Nor anything MSet splits at or strips (quotes, backslashes, brackets that hide a comma).
    expect(encodePath(path)).not.toMatch(/[,;$"\\()[\]]/);
    expect(() => decodePath('12/x/y')).toThrow(DialplanPathError);
    expect(() => decodePath('12/k/%E4')).toThrowError(expect.objectContaining({ code: 'IVR_DIALPLAN_PATH_INVALID' }));
  });

  describe('the survey (routes.yaml afterCall)', () => {
    const withSurvey = compileFlowsToDialplan(flows, 'survey');
    const block = (name: string): string => withSurvey.text.split('\n\n').find((b) => b.startsWith(`[${name}]`)) ?? '';

    it('is compiled beside the menus when every node of it can run in the dialplan, under a version of its own', () => {
      const v = withSurvey.version;
      expect(v).not.toBe(compiled.version);
      expect(withSurvey.survey).toBe(`ivr-${v}-survey-ask`);
      expect(compiled.survey).toBeNull();
      // The menus are the same contexts as without the survey.
      expect(block(`ivr-${v}-main-menu`).replaceAll(v, 'V')).toBe(compiled.text.split('\n\n').find((b) => b.startsWith(`[ivr-${compiled.version}-main-menu]`))?.replaceAll(compiled.version, 'V'));
    });

    it('sets the rating as a variable and ends with the thanks heard to the end, as the engine does', () => {
      const v = withSurvey.version;
      // The rating set and the thanks begun in one step (the set node's own and the thanks' first), then on to the thanks' prompt.
      const rated = block(`ivr-${v}-survey-basically-satisfied`).split('\n');
      expect(rated[1]).toContain(',HOTLINE_IVR_VARS=${HOTLINE_IVR_VARS}|satisfaction=basically-satisfied,');
      expect(rated[1]).toMatch(/\/n\/survey\/basically-satisfied\/.*\/n\/survey\/thanks\//);
      expect(rated[2]).toBe(` same => n,Goto(ivr-${v}-survey-thanks,s,2)`);
      const thanks = block(`ivr-${v}-survey-thanks`).split('\n');
      expect(thanks).toContain(' same => n(play0),ControlPlayback(hotline/${HOTLINE_LANG}/survey_thanks,,D,C,0123456789*#,,,o(${IF($["${CPLAYBACKSTATUS}" = "USERSTOPPED"]?${CPLAYBACKOFFSET}:0)}))');
      expect(thanks.at(-4)).toContain('/p/survey_thanks/${IF($["${CPLAYBACKSTATUS}" = "ERROR"]?failed:played)}|${STRFTIME(,,%s%3q)}/o/hangup/,HOTLINE_PLAYING=0)');
      // The end goes to the server before the handler is popped (a hang-up in between sends it twice, never not at all), then the line is cleared.
      expect(thanks.slice(-3)).toEqual([` same => n,UserEvent(${SURVEY_ENDED_EVENT},path: \${HOTLINE_IVR_PATH},vars: \${HOTLINE_IVR_VARS})`, ' same => n,Set(CHANNEL(hangup_handler_pop)=)', ' same => n,Hangup()']);
      expect(decodeSurveyVariables('|satisfaction=satisfied|note=%E5%A5%BD|satisfaction=dissatisfied')).toEqual({ satisfaction: 'dissatisfied', note: '好' });
    });

    it('pushes a hangup handler at its arrival that sends the path and variables in one user event, with a cut-off prompt on the path', () => {
      const v = withSurvey.version;
      const arrival = block(surveyArrivalContext(v)).split('\n');
      expect(arrival[1]).toMatch(new RegExp(`^exten => _i\\.,1,MSet\\(.*,HOTLINE_IVR_VARS=,HOTLINE_PLAYING=0,CHANNEL\\(hangup_handler_push\\)="ivr-${v}-survey-end,s,1"\\)$`));
      expect(arrival.at(-1)).toBe(' same => n,Goto(${EXTEN},s,1)');
      const end = block(`ivr-${v}-survey-end`);
      // The handler's event also carries the line's hang-up cause: the server hears of the caller's hang-up from it.
      expect(end).toContain(`(end),UserEvent(${SURVEY_ENDED_EVENT},path: \${HOTLINE_IVR_PATH},vars: \${HOTLINE_IVR_VARS},cause: \${HANGUPCAUSE})`);
      const questionPlay = /HOTLINE_PLAYING=(\d+)\)\n same => n,Background\(hotline\/\$\{HOTLINE_LANG\}\/survey_question\)/.exec(block(`ivr-${v}-survey-ask`))?.[1];
      expect(end).toContain(`exten => ${questionPlay},1,Set(HOTLINE_IVR_PATH=\${HOTLINE_IVR_PATH}|\${STRFTIME(,,%s%3q)}/p/survey_question/interrupted)`);
      // The survey never hands the call back, and never marks it for the records' reader.
      expect([...withSurvey.text.matchAll(/\[ivr-[0-9a-f]+-survey[^\]]*\]/g)].map((m) => block(m[0].slice(1, -1))).join('\n')).not.toMatch(/Stasis\(|CELGenUserEvent/);
    });

    it('is left to the engine when a node needs the server, or the menus reach its flow', () => {
      const survey = flows.flows.get('survey')!;
      const queued: FlowSet = { ...flows, flows: new Map([...flows.flows, ['survey', { ...survey, nodes: { ...survey.nodes, bye: { type: 'queue', queue: 'general' } } }]]) };
      const leftOut = compileFlowsToDialplan(queued, 'survey');
      expect(leftOut.survey).toBeNull();
      expect(leftOut.text).not.toContain('-survey-');
      expect(Object.values(leftOut.contexts).some((name) => name.includes('-survey-'))).toBe(false);
      expect(compileFlowsToDialplan(flows, 'main').survey).toBeNull();
      expect(compileFlowsToDialplan(flows, 'no-such-flow').survey).toBeNull();
    });
  });
});
