// The screen pop app builds (app/ports/agent-desktop.ts) is the one the agent desktop reads (the
// socket contract, src/contract): the compiler holds the two to the same shape, so neither can change alone.
import { describe, expectTypeOf, it } from 'vitest';
import type { PopHistoryItem, ScreenPop } from '../../../src/app/ports/agent-desktop.js';
import type * as Contract from '../../../src/contract/socket-events.js';

describe('screen pop', () => {
  it('is the shape the socket contract sends', () => {
    expectTypeOf<ScreenPop>().toEqualTypeOf<Contract.ScreenPop>();
    expectTypeOf<PopHistoryItem>().toEqualTypeOf<Contract.PopHistoryItem>();
  });
});
