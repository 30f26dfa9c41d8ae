/** Replies to staff commands on WhatsApp (bot/admin), in Indonesian. Placeholders are written {name}. */
export const adminId = {} as const;

export type AdminText = keyof typeof adminId;
