// What app hears of agents' softphones: whether each can be rung now, as it changes. The ami adapter implements it.

/** One softphone's state; `phone` is the agent's phone as the roster names it (its SIP endpoint). */
export interface PhoneStatus {
  readonly phone: string;
  readonly reachable: boolean;
  /** The phone system's own word for the state (e.g. NOT_INUSE, UNAVAILABLE), for the log. */
  readonly detail: string;
}

export interface AgentPhoneEvents {
  /** Each change of a softphone's state, as the phone system reports it. */
  onPhoneStatus(listener: (status: PhoneStatus) => void): void;
  /** Each time the link to the phone system comes up (at start, after a break): changes may have been missed meanwhile. */
  onLinkUp(listener: () => void): void;
  /** Every softphone the phone system knows of now; one it does not list (never registered) is not reachable. */
  phoneStatuses(): Promise<PhoneStatus[]>;
}
