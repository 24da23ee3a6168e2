// The IVR set-up in force: flows, routes and business hours. Loaded at start (a bad file refuses
// the start with a DataFileError naming every problem), reloaded when a file in ivr-flows/ changes:
// a good new version applies to new calls, calls in progress keep the version they began with, and
// a bad one is refused while the last good version stays.
import { QUEUE_PROMPTS } from '../../domain/calls/queue-announcement.js';
import { FORCE_RELEASE_PROMPT } from '../../domain/calls/call-supervisor.js';
import fs from 'node:fs';
import path from 'node:path';
import type { IvrContext } from '../../domain/ivr/ivr-engine.js';
import type { FlowSet } from '../../domain/ivr/flow-types.js';
import type { IvrSetup } from '../../app/ports/ivr-setup.js';
import type { Logger } from '../../logging/logger.js';
import { DataFileError } from '../files/data-file-error.js';
import { formatProblem, loadFlowDir, type FlowProblem } from './flow-loader.js';
import { loadSchedules } from './schedule-loader.js';

export interface IvrBundle {
  readonly flowSet: FlowSet;
  readonly afterCall: string | null;
  readonly isOpen: (scheduleId: string, at: number) => boolean;
  readonly hoursChange: (scheduleId: string, at: number) => number | null;
}

export interface IvrFiles {
  readonly flowsDir: string;
  readonly queuesFile: string;
  readonly calendarDir: string;
  /** When given, every prompt must have its audio there. */
  readonly soundsDir?: string;
  /** Runs before each reload, e.g. to generate audio for new prompt texts. */
  readonly beforeReload?: () => void;
}

/** Loads flows, routes and schedules together: one consistent version, or the problems. */
export function loadIvrBundle(files: IvrFiles, version: number): { bundle?: IvrBundle; problems: FlowProblem[] } {
  const scheduled = loadSchedules(path.join(files.flowsDir, 'schedules.yaml'), files.calendarDir);
  const loaded = loadFlowDir(files.flowsDir, {
    version,
    queues: { file: files.queuesFile },
    systemPrompts: [...QUEUE_PROMPTS, FORCE_RELEASE_PROMPT],
    ...(files.soundsDir ? { soundsDir: files.soundsDir } : {}),
  });
  const problems: FlowProblem[] = [
    ...loaded.problems,
    ...scheduled.problems.map((p): FlowProblem => ({ file: p.file, path: p.path, code: 'FLOW_BAD_CALENDAR', message: `${p.code} ${p.message}` })),
  ];
  if (!loaded.flowSet || !scheduled.schedules || problems.length > 0) return { problems };
  return {
    problems,
    bundle: { flowSet: loaded.flowSet, afterCall: loaded.routes?.afterCall ?? null, isOpen: scheduled.schedules.isOpen, hoursChange: scheduled.schedules.nextChange },
  };
}

export class FlowRepository implements IvrSetup {
  private bundle: IvrBundle;
  private version = 1;
  private watcher: fs.FSWatcher | undefined;
  private readonly reloaded: (() => void)[] = [];
  private debounce: NodeJS.Timeout | undefined;

  constructor(
    private readonly files: IvrFiles,
    private readonly logger: Logger,
  ) {
    const { bundle, problems } = loadIvrBundle(files, this.version);
    if (!bundle) throw new DataFileError(problems, `The IVR flows in ${files.flowsDir}`);
    this.bundle = bundle;
  }

  get current(): IvrBundle {
    return this.bundle;
  }

  snapshot(): IvrContext {
    const { flowSet, isOpen, hoursChange } = this.bundle;
    return { flows: flowSet, isOpen, hoursChange };
  }

  /** Tries the files again; returns the problems when the new version was refused. */
  reload(): readonly FlowProblem[] {
    try {
      this.files.beforeReload?.();
    } catch (error) {
      this.logger.warn({ err: error }, 'preparing the flow reload failed');
    }
    const { bundle, problems } = loadIvrBundle(this.files, this.version + 1);
    if (!bundle) {
      for (const problem of problems) this.logger.error({ flowProblem: formatProblem(problem) }, 'flow reload refused; the last good version stays in force');
      return problems;
    }
    this.version += 1;
    this.bundle = bundle;
    this.logger.info({ version: this.version, flows: [...bundle.flowSet.flows.keys()] }, 'IVR flows reloaded');
    for (const listener of this.reloaded) listener();
    return [];
  }

  /** Called after each new version is in force (the compiled menus stop taking new callers until theirs is installed). */
  onReload(listener: () => void): void {
    this.reloaded.push(listener);
  }

  /** Watches the folder (prompts included) and reloads shortly after the last change. */
  watch(debounceMs = 300): void {
    this.watcher = fs.watch(this.files.flowsDir, { recursive: true, persistent: false }, () => {
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => this.reload(), debounceMs);
    });
    this.watcher.on('error', (error) => this.logger.warn({ err: error }, 'flow folder watch failed'));
  }

  stop(): void {
    clearTimeout(this.debounce);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
