// Where everything of a local Asterisk instance lives, on the host and inside its root filesystem.
import path from 'node:path';
import type { LocalPbxSettings } from '../config.js';

/** Bump when the root filesystem recipe changes (packages included), so a new root is built. */
export const ROOT_RECIPE = { revision: 1, suite: 'sid', packages: ['asterisk'] } as const;

/** Where cel_custom.conf's mapping lands, under Asterisk's log folder (cel-custom/<name>). */
export const CALL_EVENTS_FILE = 'cel-custom/hotline-cel.csv';

export interface PbxLayout {
  readonly instance: string;
  /** Host path of the chroot with Asterisk installed. */
  readonly rootDir: string;
  /** Path of the instance folder as Asterisk sees it (inside the root). */
  readonly instanceDirInRoot: string;
  /** The same folder from the host. */
  readonly instanceDir: string;
  readonly etcDir: string;
  readonly logDir: string;
  readonly recordingsDir: string;
  /** Host path of the channel events Asterisk appends for every call (cel_custom.conf), read after a restart. */
  readonly callEventsFile: string;
  /** Host path of the hotline's sounds inside the root (prompts and hold audio). */
  readonly soundsDir: string;
  /** Host folder for secrets, runtime info and the console log (outside the root). */
  readonly stateDir: string;
  readonly configFileInRoot: string;
}

export function rootDirFor(cacheDir: string): string {
  return path.join(cacheDir, `asterisk-root-${ROOT_RECIPE.suite}-r${ROOT_RECIPE.revision}`);
}

export function pbxLayout(settings: LocalPbxSettings): PbxLayout {
  const rootDir = rootDirFor(settings.cacheDir);
  const instanceDirInRoot = `/hotline/${settings.instance}`;
  const instanceDir = path.join(rootDir, instanceDirInRoot);
  return {
    instance: settings.instance,
    rootDir,
    instanceDirInRoot,
    instanceDir,
    etcDir: path.join(instanceDir, 'etc'),
    logDir: path.join(instanceDir, 'log'),
    recordingsDir: path.join(instanceDir, 'spool', 'recording'),
    callEventsFile: path.join(instanceDir, 'log', CALL_EVENTS_FILE),
    soundsDir: path.join(rootDir, 'usr/share/asterisk/sounds/hotline'),
    stateDir: path.join(settings.stateDir, settings.instance),
    configFileInRoot: `${instanceDirInRoot}/etc/asterisk.conf`,
  };
}
