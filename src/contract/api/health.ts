// GET /health: the same body whether every dependency answers (200) or not (503).
import { Type, type Static } from '@sinclair/typebox';
import { literals } from './schema-parts.js';

const UpDown = literals(['up', 'down'] as const);

export const HealthReply = Type.Object({ status: literals(['ok', 'degraded'] as const), ari: UpDown, ami: UpDown, db: UpDown });
export type HealthReply = Static<typeof HealthReply>;
