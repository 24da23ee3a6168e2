// Types for the subset of smpp 0.5.1 (CommonJS, ships no types) that the SMPP adapter and its test
// message centre use. Read against node_modules/smpp/lib/smpp.js and pdu.js; its connect-by-URL
// (url.parse) and auto_enquire_link_period are left out: the link does its own keep-alive.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';

  /** A PDU: header fields, then its command's parameters and TLVs as own properties. */
  interface Pdu {
    readonly command: string;
    readonly command_id: number;
    readonly command_status: number;
    sequence_number: number;
    isResponse(): boolean;
    /** The matching `<command>_resp` (or generic_nack for an unknown command), same sequence number. */
    response(options?: Record<string, unknown>): Pdu;
    readonly [field: string]: unknown;
  }

  interface PduConstructor {
    new (command: string, options?: Record<string, unknown>): Pdu;
  }

  interface Session extends EventEmitter {
    /** Writes a PDU; a request gets the next sequence number. False when the socket is not writable. */
    send(pdu: Pdu, responseCallback?: (response: Pdu) => void, sendCallback?: (pdu: Pdu) => void): boolean;
    /** Ends the socket after what is written (FIN). */
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    on(event: 'pdu', listener: (pdu: Pdu) => void): this;
    on(event: 'connect' | 'close', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: string, listener: (pdu: Pdu) => void): this;
  }

  interface ConnectOptions {
    readonly host: string;
    readonly port: number;
  }

  interface Server extends NetServer {
    readonly sessions: Session[];
  }

  const PDU: PduConstructor;
  function connect(options: ConnectOptions): Session;
  function createServer(listener: (session: Session) => void): Server;
  const errors: Readonly<Record<string, number>>;

  namespace smpp {
    export type { Pdu, Session, Server, ConnectOptions };
  }
  const smpp: { PDU: PduConstructor; connect: typeof connect; createServer: typeof createServer; errors: typeof errors };
  export default smpp;
  export { PDU, connect, createServer, errors };
  export type { Pdu, Session, Server, ConnectOptions };
}
