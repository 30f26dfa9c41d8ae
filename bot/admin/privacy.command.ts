import { z } from 'zod';
import { activityUser, recordActivity } from '../../domain/activity/activity.use-case.js';
import { type Contact, contactModel } from '../../domain/contacts/contact.model.js';
import { followMerged } from '../../domain/contacts/contact.use-case.js';
import { isErasedChatId } from '../../domain/contacts/contact-erasure.rules.js';
import { eraseContact } from '../../domain/contacts/contact-erasure.use-case.js';
import { storedAbout } from '../../domain/contacts/contact-export.use-case.js';
import { chatIdOfPhone, type PhoneNumber } from '../../domain/contacts/phone.js';
import { phone, words } from './args.js';
import { type Command, defineCommand } from './command.js';
import { failureText } from './errors.js';
import { contactLabel } from './format.js';

/** A customer's whole record, or wiping it: the owner's decision alone (as in the console). */
const OWNER = ['owner'] as const;

/** The live contact with this number: by phone or by its WhatsApp chat, a merged one resolved to where it went. */
async function contactOfPhone(connection: Parameters<typeof storedAbout>[0], number: PhoneNumber) {
  const contacts = contactModel(connection);
  const found = await contacts
    .find({ $or: [{ phone: number }, { chatId: chatIdOfPhone(number) }] })
    .sort({ createdAt: 1 })
    .limit(10)
    .lean<Contact[]>();
  const live = found.find((contact) => !contact.mergedInto);
  if (live) return live;
  return found[0] ? followMerged(connection, found[0]) : null;
}

/** `customerdata <phone>`: what is stored about a customer, and where to download it all. */
export const customerDataCommand = defineCommand({
  name: 'customerdata',
  aliases: ['datapelanggan', 'exportcontact'],
  roles: OWNER,
  help: 'admin.help.customerdata',
  usage: 'admin.usage.customerdata',
  args: () => words(z.tuple([phone])).transform(([number]) => ({ phone: number })),
  async run({ connection, t, settings }, { phone: number }) {
    const contact = await contactOfPhone(connection, number);
    if (!contact) return t('admin.customer.none', { phone: number });
    if (isErasedChatId(contact.chatId)) return t('admin.customer.erased', { phone: number });
    const stored = await storedAbout(connection, contact);
    const url = `${settings.publicBaseUrl.replace(/\/+$/, '')}/contacts/${String(contact._id)}`;
    return t('admin.customer.summary', { customer: contactLabel(contact), phone: number, url, ...stored });
  },
});

/**
 * `erase <phone> HAPUS`: erase a customer's personal data (domain/contacts/contact-erasure.use-case.ts).
 * Files are deleted under `dataDir`; the erasure is audited by the use case and logged as the owner's
 * activity here, as the console does.
 */
export function eraseCommand(options: { dataDir?: string | undefined }): Command {
  return defineCommand({
    name: 'erase',
    aliases: ['hapusdata', 'erasecontact'],
    roles: OWNER,
    help: 'admin.help.erase',
    usage: 'admin.usage.erase',
    args: () =>
      words(z.tuple([phone], z.string())).transform(([number, ...confirm]) => ({
        phone: number,
        confirm: confirm.join(' '),
      })),
    async run({ connection, t, actor, now, user, log }, { phone: number, confirm }) {
      const contact = await contactOfPhone(connection, number);
      if (!contact) return t('admin.customer.none', { phone: number });
      const result = await eraseContact(
        connection,
        { contactId: String(contact._id), confirm },
        { actor, at: now, dataDir: options.dataDir },
      );
      if (!result.ok) return failureText(t, result, { phone: number });
      if (!result.changed) return t('admin.erase.unchanged', { phone: number });
      await recordActivity(
        connection,
        {
          at: now,
          kind: 'erasure',
          user: activityUser(user),
          details: { contactId: result.contactId, counts: result.counts, via: 'whatsapp' },
        },
        log,
      );
      log.info({ contactId: result.contactId }, 'customer data erased');
      return t('admin.erase.done', {
        phone: number,
        messages: result.counts.messages,
        files: result.counts.files,
        orders: result.counts.orders,
      });
    },
  });
}
