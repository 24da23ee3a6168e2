// What makes a call task request acceptable, checked before it is stored: each fault with a stable code.
import { NOT_REACHED_CAUSES, type CallTaskRequest } from './outbound-protocol.js';

export type TaskRequestCode = 'OUTBOUND_BAD_TASK_ID' | 'OUTBOUND_BAD_NUMBER' | 'OUTBOUND_UNKNOWN_TRUNK' | 'OUTBOUND_BAD_FLOW' | 'OUTBOUND_BAD_VARIABLES' | 'OUTBOUND_BAD_TIMES' | 'OUTBOUND_BAD_RETRY_POLICY';

export interface TaskRequestProblem {
  readonly code: TaskRequestCode;
  readonly message: string;
}

const TASK_ID = /^[A-Za-z0-9._-]{1,100}$/;
const NUMBER = /^\+?[0-9]{3,20}$/;

const isDelay = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** The first problem of a request, or null when it can be stored. `trunks`: the trunks with lines. */
export function checkTaskRequest(request: CallTaskRequest, trunks: readonly string[]): TaskRequestProblem | null {
  // The task id becomes part of the attempt's channel id (outbound-<task>-<n>): no spaces, no slashes.
  if (!TASK_ID.test(request.taskId)) return { code: 'OUTBOUND_BAD_TASK_ID', message: 'taskId must be 1–100 letters, digits, dots, dashes or underscores' };
  if (!NUMBER.test(request.number)) return { code: 'OUTBOUND_BAD_NUMBER', message: 'number must be 3–20 digits (a leading + allowed)' };
  if (!trunks.includes(request.trunk)) return { code: 'OUTBOUND_UNKNOWN_TRUNK', message: `no trunk named ${request.trunk} (known: ${trunks.join(', ')})` };
  if (request.flowId.trim() === '') return { code: 'OUTBOUND_BAD_FLOW', message: 'flowId must name an IVR flow' };
  if (Object.values(request.variables).some((value) => typeof value !== 'string')) return { code: 'OUTBOUND_BAD_VARIABLES', message: 'every variable must be text' };
  if (!Number.isFinite(request.notBefore) || (request.notAfter !== null && !(request.notAfter >= request.notBefore))) return { code: 'OUTBOUND_BAD_TIMES', message: 'notBefore must be a time and notAfter, when given, not before it' };
  const { maxAttempts, delaysMs } = request.retry;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || NOT_REACHED_CAUSES.some((cause) => !Array.isArray(delaysMs[cause]) || !delaysMs[cause].every(isDelay))) {
    return { code: 'OUTBOUND_BAD_RETRY_POLICY', message: 'retry needs maxAttempts ≥ 1 and a list of delays (ms ≥ 0) for every cause' };
  }
  return null;
}
