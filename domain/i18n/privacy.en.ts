import type { PrivacyText } from './privacy.id.js';

/** What stays in place of an erased customer's personal data, in English. */
export const privacyEn: Record<PrivacyText, string> = {
  'privacy.erased_name': 'Erased customer',
  'privacy.redacted': '[erased]',
};
