// What a server does with its PBX, in the words GET /health, the cluster view, the presence in Redis
// and the metrics all use: running it, standing by for its lease, taking it over, dropped (lost the
// lease: stopping), or none (a web node never runs one). One list, so a new role reaches all of them.
export const PBX_ROLES = ['running', 'standby', 'taking', 'dropped', 'none'] as const;

export type PbxRoleName = (typeof PBX_ROLES)[number];
