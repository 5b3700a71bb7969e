import type { Role } from './api';

/** Every role an account may hold, in the order the form offers them (the API's enum). */
export const ROLES: readonly Role[] = [
  'admin', 'pmpc_specialist', 'pmpc_head', 'school_coordinator', 'correction_specialist', 'rehab_specialist', 'social_worker', 'health_worker', 'analyst', 'auditor',
];
