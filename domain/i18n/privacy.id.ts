/** What stays in place of an erased customer's personal data (domain/contacts/contact-erasure), in Indonesian. */
export const privacyId = {
  /** The name an erased customer's orders, invoices and contact keep. */
  'privacy.erased_name': 'Pelanggan dihapus',
  /** What replaces the customer's number, name or address inside notes, tasks and the audit trail. */
  'privacy.redacted': '[dihapus]',
} as const;

export type PrivacyText = keyof typeof privacyId;
