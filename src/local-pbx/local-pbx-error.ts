/** A failure of the local PBX runner, with a stable code and a message that says what to do. */
export type LocalPbxErrorCode =
  | 'PBX_NOT_ROOT'
  | 'PBX_TOOL_MISSING'
  | 'PBX_NO_DISK'
  | 'PBX_BUILD_FAILED'
  | 'PBX_PORT_BUSY'
  | 'PBX_START_FAILED'
  | 'PBX_NOT_READY'
  | 'PBX_STOP_FAILED'
  | 'PROMPT_TOOL_MISSING'
  | 'PROMPT_FAILED';

export class LocalPbxError extends Error {
  constructor(
    readonly code: LocalPbxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LocalPbxError';
  }
}
