// Q.850 cause codes as Asterisk reports them, in words a supervisor can read.
const CAUSES: Readonly<Record<number, string>> = {
  0: 'unknown',
  1: 'unallocated number',
  3: 'no route to destination',
  16: 'normal clearing',
  17: 'user busy',
  18: 'no user responding',
  19: 'no answer',
  21: 'call rejected',
  27: 'destination out of order',
  28: 'invalid number format',
  31: 'normal, unspecified',
  34: 'no circuit available',
  38: 'network out of order',
  41: 'temporary failure',
  42: 'switching equipment congestion',
  127: 'interworking, unspecified',
};

export function hangupCauseText(cause: number | null): string | null {
  if (cause === null) return null;
  return CAUSES[cause] ?? `cause ${cause}`;
}
