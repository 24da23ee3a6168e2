// The installer of the compiled menus, against a real folder and a stand-in for AMI's reload: at
// start the flows are ready before AMI has logged in, and the menus must still be installed once
// the link is up (the pbx differential test once ran every "compiled" call through the engine).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AmiError } from '../../../src/adapters/ami/ami-error.js';
import { COMPILED_MENUS_FILE, CompiledMenusInstaller } from '../../../src/adapters/dialplan/compiled-menus-installer.js';
import { createLogger } from '../../../src/logging/logger.js';
import { shippedFlowSet } from '../../helpers/shipped-flows.js';

describe('compiled menus installer', () => {
  it('installs again when the AMI link comes up after a first attempt it refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialplan-'));
    let linked = false;
    let reloads = 0;
    const installer = new CompiledMenusInstaller(
      dir,
      async () => {
        if (!linked) throw new AmiError('AMI_NOT_CONNECTED', 'AMI is not connected');
        reloads += 1;
      },
      createLogger('silent'),
    );
    const flows = { ...shippedFlowSet(), version: 1 };
    expect(installer.menusFor(flows)).toBeNull();
    await installer.settled();
    expect(reloads).toBe(0);
    linked = true;
    installer.linkUp();
    await installer.settled();
    expect(reloads).toBe(1);
    expect(installer.menusFor(flows)?.version).toMatch(/^[0-9a-f]{8}$/);
    expect(fs.readFileSync(path.join(dir, COMPILED_MENUS_FILE), 'utf8')).toContain(`[ivr-${installer.menusFor(flows)?.version}-arrive]`);
  });
});
