// What a load run watches one Asterisk with, started after it and stopped before it: the ARI
// observer, the prompt marks it drives through an AMI session, the task-processor readings, the
// bytes waiting on ARI's sockets, and
// (the baseline's) an AMI session reading the events the hotline server's own session reads. The
// single box has one set; the cluster one per box.
import fs from 'node:fs';
import type { PbxRuntime } from '../../src/local-pbx/index.js';
import { AriObserver } from './ari-observer.js';
import { BenchAmi } from './bench-ami.js';
import { NO_MENU_PROMPTS, type JourneyStep } from './call-timelines.js';
import { PromptMarks } from './prompt-marks.js';
import { SocketQueueSampler } from './socket-queues.js';
import { TaskprocessorSampler } from './taskprocessors.js';

export interface PbxWatchers {
  readonly observer: AriObserver;
  readonly ami: BenchAmi;
  /** The baseline's stand-in for the hotline server's AMI session: reads the same events. */
  readonly eventReader: BenchAmi | null;
  readonly marks: PromptMarks;
  readonly taskprocessors: TaskprocessorSampler;
  /** The bytes waiting on ARI's sockets (the observer's, the server's), sampled with the task processors. */
  readonly ariSockets: SocketQueueSampler;
}

export async function startPbxWatchers(runtime: Pick<PbxRuntime, 'ari' | 'ami'>, journey: readonly JourneyStep[], withEventReader: boolean): Promise<PbxWatchers> {
  const login = { host: runtime.ami.host, port: runtime.ami.port, user: runtime.ami.user, password: runtime.ami.password };
  const observer = new AriObserver(runtime.ari);
  const ami = await BenchAmi.connect({ ...login, events: 'off' });
  const eventReader = withEventReader ? await BenchAmi.connect({ ...login, events: 'on' }) : null;
  // The fallback and busy prompts are marked too: they tell a caller sent to the fallback queue, or past the line limit, that no menu follows.
  const marks = new PromptMarks(ami, new Set([...journey.map((step) => step.prompt), ...NO_MENU_PROMPTS]));
  observer.onObserved((observed) => marks.take(observed));
  await observer.start();
  const taskprocessors = new TaskprocessorSampler(ami);
  taskprocessors.start();
  const ariSockets = new SocketQueueSampler(Number(new URL(runtime.ari.url).port));
  ariSockets.start();
  return { observer, ami, eventReader, marks, taskprocessors, ariSockets };
}

/** Stops them; `observedFile`: where the observed events are kept (a run that keeps its work folder). */
export async function stopPbxWatchers(w: PbxWatchers | undefined, observedFile?: string): Promise<void> {
  w?.taskprocessors.stop();
  w?.ariSockets.stop();
  await w?.observer.stop();
  await w?.ami.close();
  await w?.eventReader?.close();
  if (observedFile && w) fs.writeFileSync(observedFile, w.observer.events.map((e) => JSON.stringify(e)).join('\n'));
}
