// The route metadata lives in core so that libs to the left of audit (auth) can name their routes too.
export { Audit, NoAudit, AUDIT_ACTION, NO_AUDIT } from '@qoldau/core';
