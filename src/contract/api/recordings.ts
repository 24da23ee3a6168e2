// GET /api/recordings/:id: the audio of a call (audio/wav, Range supported); no JSON body.
import { Type } from '@sinclair/typebox';

export const RecordingParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 160, pattern: '^[A-Za-z0-9._-]+$' }) });
