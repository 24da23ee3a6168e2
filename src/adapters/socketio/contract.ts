// Moved to src/contract/socket-events.ts (shared by the server and agent-ui/). This re-export keeps
// the files that still name the old path compiling (test/pbx, test/e2e, bench/) until they move too.
export * from '../../contract/socket-events.js';
