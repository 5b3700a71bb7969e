/** The roles of DESIGN §5. What each may do is decided in libs/access, never here. */
export const ROLES = [
  'admin',
  'pmpc_specialist',
  'pmpc_head',
  'school_coordinator',
  'correction_specialist',
  'rehab_specialist',
  'social_worker',
  'health_worker',
  'analyst',
  'auditor',
] as const;

export type Role = (typeof ROLES)[number];
