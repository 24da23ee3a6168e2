// A TCP port on loopback that nothing listens on now, for a server a test starts (PostgreSQL, Redis).
export { freePort } from '../../src/local-cluster/free-port.js';
