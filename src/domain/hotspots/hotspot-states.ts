// A hotspot warning's states and the steps a supervisor takes on it: new → sent (to a unit) → handled,
// or dismissed from new or sent; reopen brings a handled or dismissed one back to new.
export const HOTSPOT_STATES = ['new', 'sent', 'handled', 'dismissed'] as const;
export type HotspotState = (typeof HOTSPOT_STATES)[number];

/** send: to a unit (names it); handle: the unit dealt with it; dismiss: not a real hotspot (note required); reopen: back to new. */
export const HOTSPOT_STEPS = ['send', 'handle', 'dismiss', 'reopen'] as const;
export type HotspotStep = (typeof HOTSPOT_STEPS)[number];
