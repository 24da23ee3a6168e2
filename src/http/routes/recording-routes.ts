// GET /api/recordings/:id: the audio of a call, to QA staff, supervisors and the agent who took
// the call. Supports Range (players seek). The file's SHA-256 is checked against the one measured
// at hang-up before any byte goes out; every access, allowed or not, is in the audit log. In a
// cluster a server without the file passes the request on to the one whose box holds it.
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AuditLog } from '../../app/ports/audit-log.js';
import type { RecordingRecords, RecordingRow } from '../../app/ports/recording-records.js';
import type { TicketRecords } from '../../app/ports/ticket-records.js';
import { RecordingParams } from '../../contract/api/recordings.js';
import type { AuthUser } from '../../domain/auth/roles.js';
import { parseByteRange } from '../../domain/recordings/byte-range.js';
import { allow, userOf } from '../auth-guard.js';
import { NO_RELATION, permits, relationsToTicket } from '../../domain/auth/permissions.js';
import { httpError, sendError } from '../http-error.js';
import { isRelayed, relayRecording } from '../recording-relay.js';
import { binaryReply, replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

export interface RecordingRoutesDeps {
  readonly recordings: RecordingRecords;
  readonly tickets: TicketRecords;
  readonly audit: AuditLog;
  readonly recordingFile: (row: RecordingRow) => string | null;
  /** SHA-256 of a file; cached by the caller as it likes. */
  readonly checksum: (file: string) => Promise<string>;
  readonly now: () => number;
  /**
   * A cluster's: the address of the server whose box holds the recording's file (the one running its
   * call's PBX), when that is another server; null when none is known.
   */
  readonly recordingHolder?: (row: RecordingRow) => Promise<string | null>;
}

const AUDIO = binaryReply('The recording (206 with a Range: the part asked for)', 'audio/wav');
const REFUSALS = ['REQUEST_INVALID', 'AUTH_FORBIDDEN', 'RECORDING_NOT_FOUND', 'RECORDING_NOT_AVAILABLE', 'RECORDING_RANGE_NOT_SATISFIABLE', 'RECORDING_CHECKSUM_MISMATCH'] as const;
const schema = {
  params: RecordingParams,
  tags: ['recordings'],
  response: replies({ 200: AUDIO, 206: AUDIO }, REFUSALS),
};

export function recordingRoutes(app: FastifyInstance, deps: RecordingRoutesDeps): void {
  const audit = (user: AuthUser, id: string, result: 'ok' | 'denied' | 'failed', detail?: Record<string, unknown>): Promise<void> =>
    deps.audit.write({ at: deps.now(), actor: user.id, role: user.role, action: 'recording.play', target: `recording:${id}`, result, ...(detail ? { detail } : {}) });

  app.withTypeProvider<TypeBoxProvider>().get('/api/recordings/:id', { config: allow('recording.play'), schema }, async (request, reply) => {
    const user = userOf(request);
    const { id } = request.params;
    const row = await deps.recordings.get(id);
    const ticket = row ? await deps.tickets.getByCall(row.callId) : undefined;
    const allowed = row !== undefined && permits('recording.play', user, ticket ? relationsToTicket(ticket, user) : NO_RELATION);
    if (!row || !allowed) {
      await audit(user, id, 'denied', { reason: row ? 'not-permitted' : 'unknown' });
      // An agent learns no more about other calls' recordings than that they cannot have them.
      throw row ? httpError('AUTH_FORBIDDEN', 'Only QA, supervisors and the agent who took the call') : httpError('RECORDING_NOT_FOUND', `No recording ${id}`);
    }
    const file = deps.recordingFile(row);
    const here = file !== null && fs.existsSync(file);
    const holder = row.state === 'ready' && !here && !isRelayed(request) ? await deps.recordingHolder?.(row) : null;
    if (holder) return relayRecording(request, reply, holder);
    if (row.state !== 'ready' || file === null || !here) {
      await audit(user, id, 'failed', { state: row.state });
      throw httpError('RECORDING_NOT_AVAILABLE', `The recording is ${row.state === 'ready' ? 'not on this server' : row.state}`);
    }
    if ((await deps.checksum(file)) !== row.sha256) {
      await audit(user, id, 'failed', { reason: 'checksum' });
      request.log.error({ callId: row.callId, recording: id }, 'recording checksum mismatch: file changed since it was measured');
      throw httpError('RECORDING_CHECKSUM_MISMATCH');
    }
    const range = request.headers.range;
    await audit(user, id, 'ok', range ? { range } : undefined);
    return send(reply, file, row, range);
  });
}

async function send(reply: FastifyReply, file: string, row: RecordingRow, rangeHeader: string | undefined): Promise<FastifyReply> {
  const size = (await fs.promises.stat(file)).size;
  const range = parseByteRange(rangeHeader, size);
  void reply.header('accept-ranges', 'bytes').header('content-type', 'audio/wav').header('cache-control', 'private, no-store');
  void reply.header('x-content-sha256', row.sha256 ?? '');
  if (range.kind === 'unsatisfiable') {
    // The product's error body, with the size a player needs to ask again (RFC 9110 §15.5.17).
    return sendError(reply.header('content-range', `bytes */${size}`).header('content-type', 'application/json; charset=utf-8'), 'RECORDING_RANGE_NOT_SATISFIABLE', `The recording has ${size} bytes; the range asked for starts past its end`);
  }
  if (range.kind === 'whole') return reply.header('content-length', size).send(fs.createReadStream(file));
  return reply
    .status(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
    .header('content-length', range.end - range.start + 1)
    .send(fs.createReadStream(file, { start: range.start, end: range.end }));
}
