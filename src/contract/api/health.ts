// GET /health: the same body whether every dependency answers (200) or not (503).
import { Type, type Static } from '@sinclair/typebox';
import { PBX_ROLES } from '../../domain/cluster/pbx-roles.js';
import { literals } from './schema-parts.js';

const UpDown = literals(['up', 'down'] as const);

/** running: this server runs its PBX's calls; in a cluster also standby (waiting for the PBX's lease), taking (taking it over), dropped (lost it: stopping), none (a web node: it never runs a PBX). */
export const PbxRole = literals(PBX_ROLES);
export type PbxRole = Static<typeof PbxRole>;

export const HealthReply = Type.Object({ status: literals(['ok', 'degraded'] as const), ari: UpDown, ami: UpDown, db: UpDown, pbx: PbxRole });
export type HealthReply = Static<typeof HealthReply>;
