import { css, html, nothing } from 'lit';
import { api, get, post } from '../../api.js';
import { LEAD_STAGES, type LeadStage } from '../../codes.js';
import { label, rupiah, t } from '../../i18n.js';
import { PageElement } from '../../page.js';
import { theme } from '../../theme.js';
import { zonedIso } from '../../time.js';

interface LeadDetail {
  lead: {
    id: string;
    stage: LeadStage;
    customer: string | null;
    phone: string | null;
    contactId: string;
    channel: string;
    interest: string | null;
    estimatedValue: number | null;
    nextAction: { text: string; dueAt: string } | null;
    assignee: { id: string; name: string | null } | null;
    lostReason: string | null;
    activities: { id: string; kind: string; text: string; at: string; by: string | null }[];
    customFields: Record<string, string | number>;
  };
  assignees: { id: string; name: string }[];
  /** The shop's extra lead fields (settings). */
  fields: { key: string; label: string; type: 'text' | 'number' | 'date' | 'select'; options?: string[] }[];
}

const ACTIVITY_KINDS = ['chat', 'call', 'meeting', 'note'] as const;
const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/**
 * `<lead-page>`: one lead: stage, interest, estimated value, assignee and next action (editable), and
 * its activity log with a form to add a chat, call, meeting or note.
 * Properties: `session`, `locale`, `leadId`.
 */
export class LeadPage extends PageElement {
  static override properties = { leadId: {}, data: { state: true } };
  static override styles = [
    theme,
    css`
      ol { list-style: none; padding: 0; display: grid; gap: 0.5rem; }
      ol li { border-left: 3px solid var(--yellow); padding-left: 0.6rem; }
    `,
  ];

  declare leadId: string;
  declare private data: LeadDetail | null;

  constructor() {
    super();
    this.data = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.watch<LeadDetail>(this.url, (data) => {
      this.data = data;
    });
  }

  private get url(): string {
    return `/api/leads/${this.leadId}`;
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const value = text(form, 'estimatedValue');
    const next = text(form, 'nextText');
    const due = text(form, 'nextDue');
    const patch = {
      interest: text(form, 'interest') || null,
      estimatedValue: value ? Number(value) : null,
      assignee: text(form, 'assignee') || null,
      nextAction: next && due ? { text: next, dueAt: zonedIso(due, this.session.shop.timeZone) } : null,
      customFields: Object.fromEntries(
        (this.data?.fields ?? []).map((field) => {
          const value = text(form, `field-${field.key}`);
          return [field.key, value === '' ? null : field.type === 'number' ? Number(value) : value];
        }),
      ),
    };
    await this.act(async () => {
      this.data = await api<LeadDetail>('PATCH', this.url, patch);
    });
  }

  private async moveTo(stage: LeadStage): Promise<void> {
    let reason: string | undefined;
    if (stage === 'lost') {
      reason = prompt(t('leads.lostReason'))?.trim();
      if (!reason) return;
    }
    const moved = await this.act(
      () => post(`${this.url}/stage`, { to: stage, ...(reason && { reason }) }),
      t('leads.moved', { stage: label('stage', stage) }),
    );
    if (moved) this.data = await get<LeadDetail>(this.url);
  }

  private async log(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const done = await this.act(async () => {
      this.data = await post<LeadDetail>(`${this.url}/activities`, {
        kind: text(form, 'kind'),
        text: text(form, 'text'),
      });
    });
    if (done) formElement.reset();
  }

  override render() {
    const data = this.data;
    if (!data)
      return html`<a href="/leads">${t('leads.back')}</a>${this.status()}<p class="muted">${t('common.loading')}</p>`;
    const { lead } = data;
    const dueLocal = lead.nextAction ? this.localInput(lead.nextAction.dueAt) : '';
    return html`<a href="/leads">${t('leads.back')}</a>
      <h1><a href="/contacts/${lead.contactId}">${lead.customer ?? lead.phone ?? '—'}</a>
        <span class="badge ${lead.stage}">${label('stage', lead.stage)}</span></h1>
      ${this.status()}
      <p class="muted">${lead.phone ?? ''} · ${lead.channel}${lead.lostReason ? ` · ${lead.lostReason}` : ''}</p>
      <div class="row" style="margin-bottom:1rem">
        <label>${t('leads.stage')}
          <select @change=${(event: Event) => void this.moveTo((event.target as HTMLSelectElement).value as LeadStage)}>
            ${LEAD_STAGES.map((stage) => html`<option value=${stage} ?selected=${stage === lead.stage}>${label('stage', stage)}</option>`)}
          </select>
        </label>
      </div>
      <form class="card stack" @submit=${this.save}>
        <label>${t('leads.interest')}<input name="interest" maxlength="300" .value=${lead.interest ?? ''} /></label>
        <label>${t('leads.estimatedValue')}<input name="estimatedValue" type="number" min="0" step="10000" .value=${lead.estimatedValue === null ? '' : String(lead.estimatedValue)} /></label>
        <label>${t('leads.assignee')}<select name="assignee">
          <option value="">—</option>
          ${data.assignees.map((user) => html`<option value=${user.id} ?selected=${lead.assignee?.id === user.id}>${user.name}</option>`)}
        </select></label>
        <div class="row">
          <label>${t('leads.nextAction')}<input name="nextText" maxlength="500" size="30" .value=${lead.nextAction?.text ?? ''} /></label>
          <label>${t('tasks.due')}<input name="nextDue" type="datetime-local" .value=${dueLocal} /></label>
        </div>
        ${data.fields.map((field) => {
          const value = String(lead.customFields[field.key] ?? '');
          return html`<label>${field.label}${
            field.type === 'select'
              ? html`<select name="field-${field.key}"><option value="">—</option>${(field.options ?? []).map(
                  (option) => html`<option ?selected=${option === value}>${option}</option>`,
                )}</select>`
              : html`<input name="field-${field.key}" type=${field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'} .value=${value} />`
          }</label>`;
        })}
        <div><button class="primary" type="submit">${t('common.save')}</button>
          ${lead.estimatedValue ? html`<span class="muted">${rupiah(lead.estimatedValue)}</span>` : nothing}</div>
      </form>
      <h2>${t('leads.activities')}</h2>
      <form class="toolbar" @submit=${this.log}>
        <select name="kind" aria-label=${t('leads.activityKind')}>${ACTIVITY_KINDS.map((kind) => html`<option value=${kind}>${label('activity', kind)}</option>`)}</select>
        <input name="text" required maxlength="2000" size="40" aria-label=${t('leads.activityText')} placeholder=${t('leads.activityText')} />
        <button type="submit">${t('common.add')}</button>
      </form>
      <ol>
        ${lead.activities.map(
          (
            activity,
          ) => html`<li><strong>${label('activity', activity.kind)}</strong> · <span class="muted">${this.when(activity.at)}${activity.by ? ` · ${activity.by}` : ''}</span>
            <div>${activity.text}</div></li>`,
        )}
        ${lead.activities.length === 0 ? html`<li class="muted">${t('common.none')}</li>` : nothing}
      </ol>`;
  }

  /** A moment as a datetime-local value in the shop's zone. */
  private localInput(iso: string): string {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: this.session.shop.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(iso));
    const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
  }
}

customElements.define('lead-page', LeadPage);
