// Where the server keeps, in the phone system, the facts the compiled menus' own arrival reads
// (dialplan-direct.ts): global variables, and the registries in the phone system's database. The
// AMI adapter implements it.

export interface ArrivalFacts {
  /** Sets a global variable of the dialplan ('' clears it). */
  setGlobal(name: string, value: string): Promise<void>;
  /**
   * Makes `callers` (number → facts) the registries the dialplan reads, under `version`; nothing to
   * do when that version is in force already. The previous version is removed once the new one is.
   */
  publishCallers(callers: ReadonlyMap<string, string>, version: string): Promise<void>;
  /** Whether the dialplan functions the arrival needs are loaded (Asterisk's database, the context check). */
  canDecide(): Promise<boolean>;
}
