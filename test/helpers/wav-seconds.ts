// The length of a WAV file in seconds, as sox reads it (the recordings the tests check).
import { spawnSync } from 'node:child_process';

export function wavSeconds(file: string): number {
  return Number(spawnSync('soxi', ['-D', file], { encoding: 'utf8' }).stdout.trim());
}
