import { randomBytes } from 'node:crypto';

// The library's own ids are Date.now(), which collide between two actions in the same millisecond and
// between processes sharing one AMI user. A random per-process prefix plus a counter cannot collide.
const prefix = `${process.pid.toString(36)}${randomBytes(3).toString('hex')}`;
let counter = 0;

export function nextActionId(): string {
  counter += 1;
  return `hcti-${prefix}-${counter}`;
}
