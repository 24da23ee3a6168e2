/** A failure of the local cluster (`npm run cluster`), with a stable code and the part that failed. */
export type LocalClusterErrorCode = 'CLUSTER_DEPENDENCY_MISSING' | 'CLUSTER_START_FAILED' | 'CLUSTER_STOP_FAILED';

/** The parts the local cluster is made of, as named in its errors and its printout. */
export type ClusterPart = 'postgres' | 'redis' | 'pbx' | 'server' | 'cluster';

export class LocalClusterError extends Error {
  constructor(
    readonly code: LocalClusterErrorCode,
    readonly part: ClusterPart,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'LocalClusterError';
  }
}
