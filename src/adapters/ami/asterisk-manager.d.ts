// Types for the subset of asterisk-manager 0.2.0 (CommonJS, ships no types) that the AMI adapter uses.
// Read against node_modules/asterisk-manager/lib/ami.js; everything else it offers (keepConnected,
// its reconnect) is deliberately left out so nobody reaches for it.
declare module 'asterisk-manager' {
  /** A parsed AMI message: keys lower-cased; a repeated key becomes an array; Variable/ChanVariable an object. */
  type RawAmiMessage = Record<string, string | string[] | Record<string, string>>;

  /** `err` is the whole `Response: Error` message, not an Error instance. */
  type ActionCallback = (err: RawAmiMessage | undefined, response?: RawAmiMessage) => void;

  interface ManagerInstance {
    /** Opens the socket; the callback runs once on 'connect' (never on failure: watch 'error'/'close'). */
    connect(port: number, host: string, callback?: () => void): void;
    /** Sends Action: Login with the constructor's credentials. */
    login(callback?: (err?: RawAmiMessage) => void): void;
    /** Keys are lower-cased by the library; a lower-case `actionid` key is used as the ActionID. */
    action(fields: Record<string, string>, callback?: ActionCallback): string;
    disconnect(callback?: () => void): void;
    isConnected(): boolean;
    on(event: 'managerevent', listener: (event: RawAmiMessage) => void): void;
    on(event: 'close' | 'end' | 'connect', listener: () => void): void;
    on(event: 'error', listener: (err: Error) => void): void;
    listeners(event: string): unknown[];
    removeAllListeners(event?: string): void;
  }

  /** With a falsy port the constructor does not connect, so we drive connect + login ourselves. */
  function Manager(
    port: number | undefined,
    host: string,
    username: string,
    password: string,
    events: boolean,
  ): ManagerInstance;

  namespace Manager {
    export type { ManagerInstance, RawAmiMessage, ActionCallback };
  }

  export = Manager;
}
