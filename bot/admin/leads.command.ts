import { z } from 'zod';
import { addActivity, changeLeadStage } from '../../domain/leads/lead.use-case.js';
import { leadOfPhone, leadsWithContacts } from '../../domain/leads/lead-query.use-case.js';
import { USER_ROLES } from '../../domain/users/user.model.js';
import { leadStage, phone, words } from './args.js';
import { defineCommand } from './command.js';
import { failureText } from './errors.js';
import { contactLabel } from './format.js';

export const leadsCommand = defineCommand({
  name: 'leads',
  aliases: ['prospek', 'daftarlead'],
  roles: USER_ROLES,
  help: 'admin.help.leads',
  usage: 'admin.usage.leads',
  args: () => words(z.tuple([leadStage.optional()])).transform(([stage]) => ({ stage })),
  async run({ connection, t }, { stage }) {
    const leads = await leadsWithContacts(connection, { ...(stage && { stage }), limit: 20 });
    const filter = stage ? t('admin.leads.in', { stage }) : t('admin.leads.open');
    if (leads.length === 0) return t('admin.leads.empty', { filter });
    const lines = leads.map(({ lead, contact }) =>
      t('admin.leads.line', {
        customer: contact ? contactLabel(contact) : String(lead.contactId),
        stage: lead.stage,
        channel: lead.channel,
        interest: lead.interest ? ` · ${lead.interest}` : '',
      }),
    );
    return [t('admin.leads.header', { filter, count: leads.length }), ...lines, t('admin.leads.footer')].join(
      '\n',
    );
  },
});

export const leadCommand = defineCommand({
  name: 'lead',
  aliases: ['tahap', 'stage'],
  roles: USER_ROLES,
  help: 'admin.help.lead',
  usage: 'admin.usage.lead',
  args: () =>
    words(z.tuple([phone, leadStage], z.string())).transform(([number, to, ...note]) => ({
      phone: number,
      to,
      note: note.join(' '),
    })),
  async run({ connection, t, actor, now, user }, { phone: number, to, note }) {
    const found = await leadOfPhone(connection, number);
    if (!found.ok) return failureText(t, found);
    const customer = contactLabel(found.contact);
    const result = await changeLeadStage(connection, {
      leadId: found.lead._id,
      to,
      ...(to === 'lost' && note && { lostReason: note }),
      role: user.role,
      actor,
      at: now,
    });
    if (!result.ok) return failureText(t, result, { phone: number, customer, to });
    // A note on any other move is kept as a note activity on the lead.
    if (note && to !== 'lost') {
      const noted = await addActivity(connection, {
        leadId: found.lead._id,
        kind: 'note',
        text: note,
        by: user._id,
        actor,
        at: now,
      });
      if (!noted.ok) return failureText(t, noted, { phone: number, customer });
    }
    const noteText = note ? t('admin.lead.note', { note }) : '';
    if (!result.changed) return t('admin.lead.unchanged', { customer, to, note: noteText });
    return t('admin.lead.done', { customer, from: found.lead.stage, to, note: noteText });
  },
});
