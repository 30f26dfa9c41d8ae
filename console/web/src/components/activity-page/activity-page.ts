import { html, nothing } from 'lit';
import { get } from '../../api.js';
import { label, t } from '../../i18n.js';
import { PageElement } from '../../page.js';

const KINDS = [
  'login',
  'login_failed',
  'logout',
  'password_changed',
  'export',
  'import',
  'erasure',
  'settings_changed',
  'user_created',
  'user_changed',
] as const;

interface Entry {
  id: string;
  at: string;
  kind: (typeof KINDS)[number];
  user: { id: string | null; name: string | null; login: string | null };
  ip: string | null;
  details: Record<string, unknown>;
}
interface Page {
  items: Entry[];
  total: number;
  page: number;
  pageSize: number;
}
type Filters = Partial<Record<'kind' | 'userId' | 'from' | 'to', string>>;

/** The details of an entry in a few words: what was exported or imported, which settings changed. */
function summary(entry: Entry): string {
  const details = entry.details;
  const value = (key: string) => (details[key] === undefined ? '' : String(details[key]));
  if (entry.kind === 'login_failed') return label('activity.reason', value('reason'));
  if (entry.kind === 'export')
    return `${value('export')}${Array.isArray(details.rows) ? ` · ${details.rows.join(' + ')}` : ''}`;
  if (entry.kind === 'import')
    return [value('kind'), value('filename'), value('step'), value('status')].filter(Boolean).join(' · ');
  if (entry.kind === 'settings_changed' && Array.isArray(details.keys)) return details.keys.join(', ');
  if (entry.kind === 'user_created' || entry.kind === 'user_changed')
    return `${value('login')} · ${value('role')}${details.active === false ? ` · ${t('settings.inactive')}` : ''}`;
  return '';
}

/**
 * `<activity-page>`: the staff activity log (owner only): sign-ins and failed sign-ins with the
 * address, sign-outs, exports, imports, settings and user changes, filtered by kind, person and days,
 * 50 per page, downloadable. Properties: `session`, `locale`.
 */
export class ActivityPage extends PageElement {
  static override properties = {
    data: { state: true },
    filters: { state: true },
    page: { state: true },
    users: { state: true },
  };

  declare private data: Page | null;
  declare private filters: Filters;
  declare private page: number;
  declare private users: { id: string; name: string }[];

  constructor() {
    super();
    this.data = null;
    this.filters = {};
    this.page = 1;
    this.users = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
    void get<{ users: { id: string; name: string }[] }>('/api/users').then(({ users }) => {
      this.users = users;
    });
  }

  private load(): void {
    this.unwatch();
    const query = new URLSearchParams({
      ...(this.filters as Record<string, string>),
      page: String(this.page),
    });
    this.watch<Page>(`/api/activity?${query}`, (data) => {
      this.data = data;
    });
  }

  private set(changes: Filters): void {
    this.filters = Object.fromEntries(
      Object.entries({ ...this.filters, ...changes }).filter(([, value]) => value),
    ) as Filters;
    this.page = 1;
    this.load();
  }

  override render() {
    const data = this.data;
    const select = (event: Event) => (event.target as HTMLSelectElement | HTMLInputElement).value;
    return html`<h1>${t('nav.activity')}</h1>
      <p class="muted">${t('activity.intro')}</p>
      ${this.status()}
      <div class="toolbar">
        <label>${t('activity.kind')}<select @change=${(event: Event) => this.set({ kind: select(event) })}>
          <option value="">${t('common.all')}</option>
          ${KINDS.map((kind) => html`<option value=${kind}>${label('activity.kind', kind)}</option>`)}
        </select></label>
        <label>${t('activity.user')}<select @change=${(event: Event) => this.set({ userId: select(event) })}>
          <option value="">${t('common.all')}</option>
          ${this.users.map((user) => html`<option value=${user.id}>${user.name}</option>`)}
        </select></label>
        <label>${t('orders.from')}<input type="date" @change=${(event: Event) => this.set({ from: select(event) })} /></label>
        <label>${t('orders.to')}<input type="date" @change=${(event: Event) => this.set({ to: select(event) })} /></label>
        ${this.exportLink('activity', this.filters)}
      </div>
      ${
        !data
          ? html`<p class="muted">${t('common.loading')}</p>`
          : html`<div class="table-wrap"><table>
              <thead><tr><th>${t('activity.when')}</th><th>${t('activity.kind')}</th><th>${t('activity.user')}</th><th>IP</th><th>${t('activity.details')}</th></tr></thead>
              <tbody>
                ${data.items.map(
                  (entry) => html`<tr data-activity=${entry.kind}>
                    <td>${this.when(entry.at)}</td>
                    <td><span class="badge ${entry.kind === 'login_failed' ? 'cancelled' : ''}">${label('activity.kind', entry.kind)}</span></td>
                    <td>${entry.user.name ?? entry.user.login ?? '—'}</td><td>${entry.ip ?? '—'}</td><td>${summary(entry)}</td>
                  </tr>`,
                )}
                ${data.items.length === 0 ? html`<tr><td colspan="5" class="muted">${t('common.none')}</td></tr>` : nothing}
              </tbody>
            </table></div>
            ${this.pager(data, (page) => {
              this.page = page;
              this.load();
            })}`
      }`;
  }
}

customElements.define('activity-page', ActivityPage);
