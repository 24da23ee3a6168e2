// The warning's steps by state, the day spans read once each, and a bad seasons file stopping the start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { disjoint } from '../../../src/app/hotspots/hotspot-service.js';
import { loadSeasonAnchors } from '../../../src/boot/season-anchors.js';
import { HOTSPOT_STATES, HOTSPOT_STEPS } from '../../../src/domain/hotspots/hotspot-states.js';
import { hotspotStepTarget, mayOrderFrom, proactiveRequestType } from '../../../src/domain/hotspots/hotspot-steps.js';

describe('hotspot steps', () => {
  it('allows each step only from its states', () => {
    const table = Object.fromEntries(HOTSPOT_STATES.map((state) => [state, HOTSPOT_STEPS.map((step) => hotspotStepTarget(state, step))]));
    // Columns: send, handle, dismiss, reopen.
    expect(table).toEqual({
      new: ['sent', null, 'dismissed', null],
      sent: ['sent', 'handled', 'dismissed', null],
      handled: [null, null, null, 'new'],
      dismissed: [null, null, null, 'new'],
    });
    expect(HOTSPOT_STATES.filter(mayOrderFrom)).toEqual(['new', 'sent']);
    expect(['surge', 'cluster', 'season', 'repeat'].map(proactiveRequestType)).toEqual(['help', 'help', 'help', 'complaint']);
  });

  it('reads overlapping or touching day spans once, as one', () => {
    expect(disjoint([
      { from: '2026-10-01', to: '2026-11-23' },
      { from: '2025-11-01', to: '2025-12-20' },
      { from: '2025-12-10', to: '2026-01-05' },
      { from: '2026-01-06', to: '2026-01-10' },
      { from: '2026-10-05', to: '2026-10-06' },
    ])).toEqual([
      { from: '2025-11-01', to: '2026-01-10' },
      { from: '2026-10-01', to: '2026-11-23' },
    ]);
  });
});

describe('the seasons file at start', () => {
  const file = (text: string): string => {
    const name = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seasons-')), 'seasons.yaml');
    fs.writeFileSync(name, text);
    return name;
  };

  it('gives the festivals of the calendar and the harvests of the file', () => {
    const anchors = loadSeasonAnchors('fixtures/seasons.yaml', 'fixtures/calendar');
    expect(anchors.some((a) => a.kind === 'festival' && a.name === '春节')).toBe(true);
    expect(anchors.some((a) => a.kind === 'harvest' && a.name === '秋收')).toBe(true);
  });

  it('stops the start with HOTSPOT_SEASONS_INVALID for a wrong or missing file', () => {
    for (const bad of [file('harvests:\n  - { name: 夏收, start: "02-30", end: "06-30" }\n'), file('harvests: 3\n'), '/nonexistent/seasons.yaml']) {
      expect(() => loadSeasonAnchors(bad, 'fixtures/calendar'), bad).toThrow(expect.objectContaining({ code: 'HOTSPOT_SEASONS_INVALID' }));
    }
  });
});
