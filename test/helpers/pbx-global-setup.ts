// Starts the real Asterisk 22 once per test run (or reuses one that is up) and stops it at the end
// if this run started it. Fails the run if an Asterisk of the test instance survives.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { pbxDown, pbxStatus, pbxUp, type PbxRuntime } from '../../src/local-pbx/index.js';
import { findAsteriskPids } from '../../src/local-pbx/pbx-processes.js';
import { pbxLayout } from '../../src/local-pbx/pbx-layout.js';
import { testPbxSettings } from './test-pbx-settings.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pbxRuntime: PbxRuntime;
  }
}

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const settings = testPbxSettings();
  const before = await pbxStatus(settings);
  const runtime = await pbxUp(settings, { repoDir, promptLanguage: 'zh-CN', log: (line) => console.log(`[pbx] ${line}`) });
  project.provide('pbxRuntime', runtime);
  return async () => {
    if (before.running) return;
    await pbxDown(settings);
    const left = findAsteriskPids(pbxLayout(settings).configFileInRoot);
    if (left.length > 0) throw new Error(`Asterisk processes survived the test run: ${left.join(', ')}`);
  };
}
