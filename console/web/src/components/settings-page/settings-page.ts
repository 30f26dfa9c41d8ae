import { html, nothing } from 'lit';
import { api, get, post } from '../../api.js';
import { LEAD_STAGES, type LeadStage, USER_ROLES } from '../../codes.js';
import { label, type MessageKey, t } from '../../i18n.js';
import { PageElement } from '../../page.js';

type DayHours = { open: string; close: string } | null;
interface Settings {
  shopName: string;
  shopWhatsApp: string | null;
  timeZone: string;
  locale: 'id' | 'en';
  paymentInstructions: string;
  businessHours: Record<string, DayHours>;
  monthlyTargets: { revenue: number; newLeads: number; orders: number };
  stageProbabilities: Record<LeadStage, number>;
  orderDetails: Record<(typeof DETAIL_KEYS)[number], 'off' | 'ask' | 'required'>;
  leadAssignment: 'owner' | 'round_robin' | 'unassigned';
  leadCustomFields: {
    key: string;
    label: string;
    type: 'text' | 'number' | 'date' | 'select';
    options?: string[];
  }[];
  quickReplies: { shortcut: string; text: string }[];
  handoverTimeoutMinutes: number;
  backups: { at: string; keepDays: number };
}

/** The order details the bot may collect, and how much it insists (settings.orderDetails). */
const DETAIL_KEYS = [
  'fulfilment',
  'dateTime',
  'deliveryAddress',
  'recipient',
  'paymentMethod',
  'notes',
] as const;
const REQUIREMENTS = ['off', 'ask', 'required'] as const;
const FIELD_TYPES = ['text', 'number', 'date', 'select'] as const;
interface User {
  id: string;
  name: string;
  login: string;
  role: string;
  whatsapp: string | null;
  active: boolean;
}

/** Weekdays as settings number them (0 = Sunday), listed Monday first. */
const WEEK: readonly [string, MessageKey][] = [
  ['1', 'day.mon'],
  ['2', 'day.tue'],
  ['3', 'day.wed'],
  ['4', 'day.thu'],
  ['5', 'day.fri'],
  ['6', 'day.sat'],
  ['0', 'day.sun'],
];

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/**
 * `<settings-page>`: the owner's page: shop, business hours, how to pay, monthly targets, chance per
 * lead stage, and the staff accounts. Properties: `session`, `locale`.
 */
export class SettingsPage extends PageElement {
  static override properties = { settings: { state: true }, users: { state: true } };

  declare private settings: Settings | null;
  declare private users: User[] | null;

  constructor() {
    super();
    this.settings = null;
    this.users = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    await this.act(async () => {
      const [settings, users] = await Promise.all([
        get<{ settings: Settings }>('/api/settings'),
        get<{ users: User[] }>('/api/users'),
      ]);
      this.settings = settings.settings;
      this.users = users.users;
    }, '');
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const hours = Object.fromEntries(
      WEEK.map(([day]) => [
        day,
        form.get(`closed-${day}`) === 'on'
          ? null
          : { open: text(form, `open-${day}`), close: text(form, `close-${day}`) },
      ]),
    );
    const patch = {
      shopName: text(form, 'shopName'),
      shopWhatsApp: text(form, 'shopWhatsApp') || null,
      timeZone: text(form, 'timeZone'),
      locale: text(form, 'locale'),
      paymentInstructions: text(form, 'paymentInstructions'),
      businessHours: hours,
      monthlyTargets: {
        revenue: Number(text(form, 'revenue') || 0),
        newLeads: Number(text(form, 'newLeads') || 0),
        orders: Number(text(form, 'orders') || 0),
      },
      stageProbabilities: Object.fromEntries(
        LEAD_STAGES.map((stage) => [stage, Number(text(form, `p-${stage}`) || 0) / 100]),
      ),
      orderDetails: Object.fromEntries(DETAIL_KEYS.map((key) => [key, text(form, `detail-${key}`)])),
      leadAssignment: text(form, 'leadAssignment'),
      handoverTimeoutMinutes: Number(text(form, 'handoverTimeoutMinutes') || 0),
      backups: { at: text(form, 'backupAt'), keepDays: Number(text(form, 'backupKeepDays') || 0) },
      quickReplies: form
        .getAll('qr-shortcut')
        .map((shortcut, index) => ({
          shortcut: String(shortcut).trim().replace(/^\//, ''),
          text: String(form.getAll('qr-text')[index] ?? '').trim(),
        }))
        .filter((reply) => reply.shortcut && reply.text),
      leadCustomFields: form
        .getAll('cf-key')
        .map((key, index) => {
          const type = String(form.getAll('cf-type')[index] ?? 'text');
          const options = String(form.getAll('cf-options')[index] ?? '')
            .split(',')
            .map((option) => option.trim())
            .filter(Boolean);
          const label = String(form.getAll('cf-label')[index] ?? '').trim();
          return { key: String(key).trim(), label, type, ...(type === 'select' && { options }) };
        })
        .filter((field) => field.key && field.label),
    };
    await this.act(async () => {
      this.settings = (await api<{ settings: Settings }>('PATCH', '/api/settings', patch)).settings;
    });
  }

  private async addUser(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const whatsapp = text(form, 'whatsapp');
    const body = {
      name: text(form, 'name'),
      login: text(form, 'login'),
      role: text(form, 'role'),
      password: String(form.get('password') ?? ''),
      ...(whatsapp && { whatsapp }),
    };
    if (await this.act(() => post('/api/users', body))) {
      formElement.reset();
      await this.load();
    }
  }

  private async setActive(user: User, active: boolean): Promise<void> {
    if (await this.act(() => post(`/api/users/${user.id}/active`, { active }))) await this.load();
  }

  override render() {
    const settings = this.settings;
    return html`<h1>${t('nav.settings')}</h1>${this.status()}
      ${settings ? this.form(settings) : html`<p class="muted">${t('common.loading')}</p>`}
      <h2>${t('settings.users')}</h2>
      ${this.users ? this.userTable(this.users) : nothing}
      <form class="toolbar card" style="margin-top:0.75rem" @submit=${this.addUser}>
        <strong>${t('settings.newUser')}</strong>
        <label>${t('contacts.name')}<input name="name" required maxlength="100" /></label>
        <label>${t('settings.login')}<input name="login" required maxlength="40" size="12" /></label>
        <label>${t('settings.role')}<select name="role">${USER_ROLES.map((role) => html`<option value=${role}>${label('role', role)}</option>`)}</select></label>
        <label>${t('settings.whatsapp')}<input name="whatsapp" size="14" /></label>
        <label>${t('settings.password')}<input name="password" type="password" required autocomplete="new-password" /></label>
        <button class="primary" type="submit">${t('common.add')}</button>
      </form>`;
  }

  private form(settings: Settings) {
    return html`<form class="card" @submit=${this.save}>
      <h2>${t('settings.shop')}</h2>
      <div class="toolbar">
        <label>${t('settings.shopName')}<input name="shopName" required .value=${settings.shopName} /></label>
        <label>${t('settings.shopWhatsApp')}<input name="shopWhatsApp" .value=${settings.shopWhatsApp ?? ''} placeholder="+62…" /></label>
        <label>${t('settings.timeZone')}<select name="timeZone">
          ${['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'].map((zone) => html`<option ?selected=${settings.timeZone === zone}>${zone}</option>`)}
        </select></label>
        <label>${t('settings.locale')}<select name="locale">
          <option value="id" ?selected=${settings.locale === 'id'}>Bahasa Indonesia</option>
          <option value="en" ?selected=${settings.locale === 'en'}>English</option>
        </select></label>
      </div>
      <label>${t('settings.paymentInstructions')}<textarea name="paymentInstructions" rows="3" .value=${settings.paymentInstructions}></textarea></label>
      <h2>${t('settings.hours')}</h2>
      <table style="max-width:32rem"><tbody>
        ${WEEK.map(([day, name]) => {
          const hours = settings.businessHours[day] ?? null;
          return html`<tr><td>${t(name)}</td>
            <td><input name="open-${day}" type="time" .value=${hours?.open ?? '08:00'} aria-label="${t(name)} open" /></td>
            <td><input name="close-${day}" type="time" .value=${hours?.close ?? '17:00'} aria-label="${t(name)} close" /></td>
            <td><label class="row"><input name="closed-${day}" type="checkbox" .checked=${hours === null} />${t('settings.closed')}</label></td></tr>`;
        })}
      </tbody></table>
      <h2>${t('settings.targets')}</h2>
      <div class="toolbar">
        <label>${t('settings.targetRevenue')}<input name="revenue" type="number" min="0" step="100000" .value=${String(settings.monthlyTargets.revenue)} /></label>
        <label>${t('settings.targetLeads')}<input name="newLeads" type="number" min="0" .value=${String(settings.monthlyTargets.newLeads)} /></label>
        <label>${t('settings.targetOrders')}<input name="orders" type="number" min="0" .value=${String(settings.monthlyTargets.orders)} /></label>
      </div>
      <h2>${t('settings.probabilities')}</h2>
      <div class="toolbar">
        ${LEAD_STAGES.map(
          (
            stage,
          ) => html`<label>${label('stage', stage)}<input name="p-${stage}" type="number" min="0" max="100" size="4"
            .value=${String(Math.round(settings.stageProbabilities[stage] * 100))} /></label>`,
        )}
      </div>
      <h2>${t('settings.orderDetails')}</h2>
      <p class="muted">${t('settings.orderDetailsHint')}</p>
      <div class="toolbar">
        ${DETAIL_KEYS.map(
          (key) => html`<label>${t(`settings.detail.${key}`)}<select name="detail-${key}">
            ${REQUIREMENTS.map((level) => html`<option value=${level} ?selected=${settings.orderDetails[key] === level}>${t(`settings.level.${level}`)}</option>`)}
          </select></label>`,
        )}
      </div>
      <h2>${t('settings.leads')}</h2>
      <div class="toolbar">
        <label>${t('settings.leadAssignment')}<select name="leadAssignment">
          ${(['owner', 'round_robin', 'unassigned'] as const).map((rule) => html`<option value=${rule} ?selected=${settings.leadAssignment === rule}>${t(`settings.rule.${rule}`)}</option>`)}
        </select></label>
        <label>${t('settings.handover')}<input name="handoverTimeoutMinutes" type="number" min="5" max="10080" .value=${String(settings.handoverTimeoutMinutes)} /></label>
      </div>
      <h3>${t('settings.customFields')}</h3>
      ${[...settings.leadCustomFields, { key: '', label: '', type: 'text' as const, options: [] }].map(
        (field) => html`<div class="row" data-custom-field>
          <input name="cf-key" placeholder="kunci_field" size="14" .value=${field.key} aria-label=${t('settings.fieldKey')} />
          <input name="cf-label" placeholder=${t('settings.fieldLabel')} .value=${field.label} aria-label=${t('settings.fieldLabel')} />
          <select name="cf-type" aria-label=${t('settings.fieldType')}>${FIELD_TYPES.map((type) => html`<option ?selected=${field.type === type}>${type}</option>`)}</select>
          <input name="cf-options" placeholder=${t('settings.fieldOptions')} .value=${(field.options ?? []).join(', ')} aria-label=${t('settings.fieldOptions')} />
        </div>`,
      )}
      <h2>${t('settings.backups')}</h2>
      <div class="toolbar">
        <label>${t('settings.backupAt')}<input name="backupAt" type="time" .value=${settings.backups.at} /></label>
        <label>${t('settings.backupKeepDays')}<input name="backupKeepDays" type="number" min="1" max="365" .value=${String(settings.backups.keepDays)} /></label>
      </div>
      <h2>${t('settings.quickReplies')}</h2>
      <p class="muted">${t('settings.quickRepliesHint')}</p>
      ${[...settings.quickReplies, { shortcut: '', text: '' }].map(
        (reply) => html`<div class="row" data-quick-reply style="align-items:start">
          <input name="qr-shortcut" placeholder="/rek" size="10" .value=${reply.shortcut ? `/${reply.shortcut}` : ''} aria-label=${t('settings.shortcut')} />
          <textarea name="qr-text" rows="2" style="flex:1" .value=${reply.text} aria-label=${t('settings.replyText')}></textarea>
        </div>`,
      )}
      <button class="primary" type="submit" style="margin-top:1rem">${t('common.save')}</button>
    </form>`;
  }

  private userTable(users: User[]) {
    return html`<div class="table-wrap"><table>
      <thead><tr><th>${t('contacts.name')}</th><th>${t('settings.login')}</th><th>${t('settings.role')}</th><th>${t('settings.whatsapp')}</th><th></th></tr></thead>
      <tbody>
        ${users.map(
          (user) => html`<tr>
            <td>${user.name}${user.active ? nothing : html` <span class="badge cancelled">${t('settings.inactive')}</span>`}</td>
            <td>${user.login}</td><td>${label('role', user.role)}</td><td>${user.whatsapp ?? '—'}</td>
            <td>${
              user.id === this.session.user.id
                ? nothing
                : html`<button @click=${() => this.setActive(user, !user.active)}>${user.active ? t('settings.deactivate') : '✓'}</button>`
            }</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }
}

customElements.define('settings-page', SettingsPage);
