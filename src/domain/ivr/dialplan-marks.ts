// How the compiled menus tell the server of a call it will not get back: the caller hung up inside
// the menus (a hangup handler pushed at arrival), or no server was registered at the hand-back. The
// same mark as the calls dialplan/hotline.conf answers without the server (a HOTLINE_DIALPLAN_CALL
// user event in Asterisk's channel event records), so the same reader writes their one ticket
// (src/app/dialplan-call-tickets.ts); the mark adds the IVR path the menus took.
//
// The path does not ride in the mark itself: Asterisk 22.10's CEL file writer (res_cdrel_custom)
// cuts a line at 1,023 bytes and leaves its quote open, so the line is lost (seen on the real
// Asterisk); a path can reach ~4 KB (a dialplan variable's limit). It follows the mark in parts of
// PATH_PART_BYTES (HOTLINE_DIALPLAN_PATH events), and the mark says how long it is, so a lost part
// shows. Pure: version in, extensions.conf text out.
import type { Extension } from './dialplan-extension.js';

/** The user event of a call the dialplan handled without the server (dialplan/hotline.conf writes it too). */
export const DIALPLAN_CALL_EVENT = 'HOTLINE_DIALPLAN_CALL';
/** A part of the menus' IVR path, right after the mark, in order. */
export const DIALPLAN_PATH_EVENT = 'HOTLINE_DIALPLAN_PATH';
/** A part's text, with room to spare under the 1,023-byte line for ids and a long channel name. */
export const PATH_PART_BYTES = 512;

/** The mark's first word: `<word>|<number dialed>|<bytes of the path>|<caller's number>`. */
export const MENUS_MARKS = { left: 'menus-left', serverAway: 'menus-server-away' } as const;

/** The hangup handler pushed when the menus take the call, popped when the server takes it back. */
export const leftContext = (version: string): string => `ivr-${version}-left`;
/** Where a hand-back goes when no server is registered (STASISSTATUS = FAILED). */
export const awayContext = (version: string): string => `ivr-${version}-away`;
const pathContext = (version: string): string => `ivr-${version}-path`;

const NOW = '${STRFTIME(,,%s%3q)}';
const mark = (word: string): string => `CELGenUserEvent(${DIALPLAN_CALL_EVENT},${word}|\${HOTLINE_ENTRY}|\${LEN(\${HOTLINE_IVR_PATH})}|\${CALLERID(num)})`;

/** A hangup handler's first line: to the extension of the play cut off (HOTLINE_PLAYING), if any. */
export const CUT_PLAY = `GotoIf($[0\${HOTLINE_PLAYING} > 0]?\${HOTLINE_PLAYING},1)`;

/**
 * The hangup handler. HOTLINE_PLAYING names the play the caller hung up in (see `playNumbers`): as
 * the engine does at a hang-up, each prompt of that play goes on the path as interrupted.
 */
export function leftHandler(version: string, plays: readonly (readonly string[])[]): Extension[] {
  return [
    {
      name: 's',
      lines: [CUT_PLAY, { label: 'mark', app: mark(MENUS_MARKS.left) }, `Gosub(${pathContext(version)},s,1)`, 'Return()'],
    },
    ...interruptedPlays(plays, 'mark'),
  ];
}

/** One extension per play: its prompts go on the path as interrupted, then back to `label` in `s`. */
export function interruptedPlays(plays: readonly (readonly string[])[], label: string): Extension[] {
  return plays.map((prompts, i) => ({
    name: String(i + 1),
    lines: [`Set(HOTLINE_IVR_PATH=\${HOTLINE_IVR_PATH}${prompts.map((prompt) => `|${NOW}/p/${prompt}/interrupted`).join('')})`, `Goto(s,${label})`],
  }));
}

/** No server at the hand-back: marked as server-away with the menus' path, then the human fallback as at arrival. */
export function awayContextLines(version: string): Extension[] {
  return [{ name: 's', lines: [mark(MENUS_MARKS.serverAway), `Gosub(${pathContext(version)},s,1)`, 'Goto(human-fallback,s,1)'] }];
}

/** Writes the path in parts after the mark (one part, maybe empty, at least). */
export function pathPartsLines(): Extension[] {
  return [
    {
      name: 's',
      lines: [
        'Set(LOCAL(from)=0)',
        { label: 'part', app: `CELGenUserEvent(${DIALPLAN_PATH_EVENT},\${HOTLINE_IVR_PATH:\${from}:${PATH_PART_BYTES}})` },
        `Set(LOCAL(from)=$[\${from} + ${PATH_PART_BYTES}])`,
        'GotoIf($[${from} < ${LEN(${HOTLINE_IVR_PATH})}]?part)',
        'Return()',
      ],
    },
  ];
}

/** The three contexts of a version, by name. */
export function markContexts(version: string, plays: readonly (readonly string[])[]): [string, Extension[]][] {
  return [
    [leftContext(version), leftHandler(version, plays)],
    [awayContext(version), awayContextLines(version)],
    [pathContext(version), pathPartsLines()],
  ];
}

/**
 * Numbers every distinct list of prompts a context plays (1, 2, …; 0 is "nothing playing"), so
 * the hangup handler knows which prompts a caller hung up in without a variable of free text.
 */
export class PlayNumbers {
  private readonly numbers = new Map<string, number>();
  private readonly lists: (readonly string[])[] = [];

  of(prompts: readonly string[]): number {
    const key = prompts.join('&');
    const known = this.numbers.get(key);
    if (known !== undefined) return known;
    this.lists.push(prompts);
    this.numbers.set(key, this.lists.length);
    return this.lists.length;
  }

  get plays(): readonly (readonly string[])[] {
    return this.lists;
  }
}
