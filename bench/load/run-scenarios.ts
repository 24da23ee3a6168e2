// The SIPp files of a load run's place: the callers' and the agents' RTP captures, the citizens'
// scenario for each system's number and the agents' phone scenario, all timed from the run's
// call timing (shared by the single box's run and the cluster's, so both callers are the same).
import fs from 'node:fs';
import { BASELINE_NUMBER } from './baseline-config.js';
import type { BenchSystem } from './bench-files.js';
import { NO_MENU_PROMPTS } from './call-timelines.js';
import type { RunContext } from './load-types.js';
import { callMedia, pcapFile } from './rtp-pcap.js';
import { agentScenario, citizenScenario } from './sipp-scenarios.js';
import { hostPath, innerPath, type SippPlace } from './sipp-run.js';

/** Scenario files in the SIPp place, by name. */
export interface Scenarios {
  readonly citizen: Record<BenchSystem, string>;
  readonly agent: string;
}

/** SIPp's captures and scenarios, in a folder of the root SIPp runs in (emptied first). */
export function prepareScenarios(c: RunContext, place: SippPlace): Scenarios {
  fs.rmSync(hostPath(place, ''), { recursive: true, force: true });
  fs.mkdirSync(hostPath(place, ''), { recursive: true });
  const write = (name: string, content: string | Buffer): string => {
    fs.writeFileSync(hostPath(place, name), content);
    return name;
  };
  const t = c.timing;
  // Media for as long as the slowest call may last, its give-up timeouts included.
  const mediaMs = (t.callSeconds + 240) * 1000;
  write('citizen.pcap', pcapFile(callMedia({ durationMs: mediaMs, keys: [], voiceFromMs: 0 }, { seq: 1000, timestamp: 80_000, ssrc: 0x51a7e })));
  write('agent.pcap', pcapFile(callMedia({ durationMs: c.o.talkSeconds * 1000 + 10_000, keys: [], voiceFromMs: 0 }, { seq: 30_000, timestamp: 9_000_000, ssrc: 0xa9e7 })));
  // The survey's mark comes after the line, the ring and the talk; 30 s more and the caller gives up.
  const survey = (t.holdSeconds + t.ringMs / 1000 + c.o.talkSeconds + 30) * 1000;
  const citizen = (service: string): string =>
    citizenScenario({
      service,
      mediaPcap: innerPath(place, 'citizen.pcap'),
      keys: c.journey.map((step) => step.key),
      keyAfterMs: t.keyAfterMs,
      markTimeoutMs: c.journey.map((step, i) => (i === c.journey.length - 1 ? survey : 30_000)),
      byeTimeoutMs: 30_000,
      // Sent to the fallback queue (shed, or given up by the server): a free agent, the talk, and slack.
      // Past the line limit: the busy prompt, then the hotline's hang-up (well within the same wait).
      fallbackPrompts: NO_MENU_PROMPTS,
      fallbackByeTimeoutMs: (t.ringMs / 1000 + c.o.talkSeconds + 90) * 1000,
    });
  return {
    citizen: { hotline: write('citizen-hotline.xml', citizen('12345')), baseline: write('citizen-baseline.xml', citizen(BASELINE_NUMBER)) },
    agent: write('agent.xml', agentScenario({ ringMs: t.ringMs, talkMs: c.o.talkSeconds * 1000, voicePcap: innerPath(place, 'agent.pcap') })),
  };
}
