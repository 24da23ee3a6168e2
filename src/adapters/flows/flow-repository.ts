// The flows in force. Loaded at start (a bad flow refuses the start, naming the problem), reloaded
// when a file in ivr-flows/ changes: a good new version applies to new calls, calls in progress keep
// the version they began with, and a bad one is refused while the last good version stays.
import fs from 'node:fs';
import type { FlowSet } from '../../domain/ivr/flow-types.js';
import type { Logger } from '../../logging/logger.js';

export interface FlowProblemLike {
  readonly file: string;
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export type FlowLoad = (version: number) => { readonly flowSet?: FlowSet; readonly problems: readonly FlowProblemLike[] };

export class FlowLoadError extends Error {
  readonly code = 'FLOWS_INVALID';
  constructor(readonly problems: readonly FlowProblemLike[]) {
    super(`The IVR flows have ${problems.length} problem(s):\n${problems.map((p) => `  ${p.file}:${p.path} ${p.code} ${p.message}`).join('\n')}`);
  }
}

export class FlowRepository {
  private flowSet: FlowSet;
  private version = 1;
  private watcher: fs.FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(flowSet: FlowSet) => void>();

  constructor(
    private readonly load: FlowLoad,
    private readonly logger: Logger,
  ) {
    const { flowSet, problems } = load(this.version);
    if (!flowSet) throw new FlowLoadError(problems);
    this.flowSet = flowSet;
  }

  get current(): FlowSet {
    return this.flowSet;
  }

  /** Tries the files again; returns the problems when the new version was refused. */
  reload(): readonly FlowProblemLike[] {
    const { flowSet, problems } = this.load(this.version + 1);
    if (!flowSet) {
      for (const problem of problems) this.logger.error({ flowProblem: problem }, 'flow reload refused; the last good version stays in force');
      return problems;
    }
    this.version += 1;
    this.flowSet = flowSet;
    this.logger.info({ version: this.version, flows: [...flowSet.flows.keys()] }, 'IVR flows reloaded');
    for (const listener of this.listeners) listener(flowSet);
    return [];
  }

  onReload(listener: (flowSet: FlowSet) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Watches the folder (recursively, prompts included) and reloads shortly after the last change. */
  watch(dir: string, debounceMs = 300): void {
    this.watcher = fs.watch(dir, { recursive: true, persistent: false }, () => {
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
