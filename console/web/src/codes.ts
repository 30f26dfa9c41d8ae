/**
 * The server's enumerations the console offers as choices. Copies, because the browser bundle does not
 * import server code; codes.test.ts fails when one drifts from the domain's list.
 */
export const ORDER_STATUSES = [
  'pending',
  'confirmed',
  'in_progress',
  'review',
  'ready',
  'out_for_delivery',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_KINDS = ['catalog', 'custom'] as const;
export const ORDER_SORTS = ['newest', 'oldest', 'total_desc', 'total_asc'] as const;
export const LEAD_STAGES = ['new', 'contacted', 'qualified', 'proposal', 'won', 'lost'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];
export const CONTACT_VIEWS = ['recent', 'confirm', 'all'] as const;
export const USER_ROLES = ['owner', 'manager', 'admin'] as const;
