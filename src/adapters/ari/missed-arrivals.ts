// Callers Asterisk put in the application whose arrival the server never heard: the StasisStart was
// written to an event socket that went down before the server read it (a link cut, a server frozen
// past ARI's write timeout). Asterisk's list of channels still holds each such caller in `Stasis()`
// with the arguments the dialplan gave, which is all the arrival carried; the resync after the
// reconnect rebuilds the event from it, so the caller is taken on as at arrival instead of waiting
// in silence for good. An agent's leg that answered unheard is rebuilt the same way, while its
// call's offer still waits for it: else the ring time runs out on a phone that answered, and the
// agent is paused as if they had let it ring.
import { argsInApplication } from './ari-call-events.js';
import { ariTimestamp } from './ari-time.js';
import type { StasisStart } from './ari-events.js';
import type { Channel } from './ari-models.js';

/**
 * The StasisStart of every citizen's channel in `app` that `known` does not claim (it is given the
 * arguments too: a caller back from the compiled menus says so in them). Legs the server makes
 * itself (an agent's, a recorder, a line, a callback…) carry a role and are left to their own
 * timers: only a caller has nobody else waiting for them.
 */
export function missedArrivals(channels: readonly Channel[], app: string, known: (channelId: string, args: Readonly<Record<string, string>>) => boolean): StasisStart[] {
  return channels.flatMap((channel) => {
    const stasis = argsInApplication(channel, app);
    if (!stasis || stasis.args.role !== undefined || known(channel.id, stasis.args)) return [];
    // Stamped with the channel's creation: the call began then, not when it was found.
    return [{ type: 'StasisStart', application: app, timestamp: channel.creationtime, args: stasis.raw, channel }];
  });
}

/**
 * The StasisStart of every agent's leg in `app` that is up (the phone answered and the leg entered
 * the application) and whose offer `awaited` says still waits for it. Stamped `at` (when it was
 * found): the answer came at most then, and the conversation's time counts from it.
 */
export function missedAnswers(channels: readonly Channel[], app: string, awaited: (legId: string) => boolean, at: number): StasisStart[] {
  return channels.flatMap((channel) => {
    const stasis = argsInApplication(channel, app);
    if (!stasis || stasis.args.role !== 'agent' || channel.state !== 'Up' || !awaited(channel.id)) return [];
    return [{ type: 'StasisStart', application: app, timestamp: ariTimestamp(at), args: stasis.raw, channel }];
  });
}
