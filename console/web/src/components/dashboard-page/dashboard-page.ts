import { css, html, nothing } from 'lit';
import { label, rupiah, t } from '../../i18n.js';
import { PageElement } from '../../page.js';
import { theme } from '../../theme.js';

interface Dashboard {
  ordersToday: number;
  revenueMonth: number | null;
  revenueTarget: number | null;
  openLeads: number;
  overdueInvoices: { count: number; amount: number } | null;
  tasksDue: number;
  unreadChats: number;
}
interface Workload {
  staff: {
    id: string;
    name: string;
    role: string;
    openLeads: number;
    openTasks: number;
    overdueTasks: number;
  }[];
  unassigned: { openLeads: number; openTasks: number; overdueTasks: number };
}

/**
 * `<dashboard-page>`: today's work at a glance; money figures only for owners and managers (the
 * server leaves them out for admins). Properties: `session`, `locale`. Refreshes by polling.
 */
export class DashboardPage extends PageElement {
  static override properties = { data: { state: true }, workload: { state: true } };
  static override styles = [
    theme,
    css`
      .card { border-left: 5px solid var(--yellow); }
      .card a { text-decoration: none; color: inherit; display: block; }
      .figure { font-size: 2rem; font-weight: 700; color: var(--navy); }
      progress { width: 100%; accent-color: var(--navy); }
    `,
  ];

  declare private data: Dashboard | null;
  declare private workload: Workload | null;

  constructor() {
    super();
    this.data = null;
    this.workload = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.watch<Dashboard>('/api/dashboard', (data) => {
      this.data = data;
    });
    if (this.userRole !== 'admin')
      this.watch<Workload>('/api/workload', (workload) => {
        this.workload = workload;
      });
  }

  override render() {
    const data = this.data;
    if (!data)
      return html`<h1>${t('nav.dashboard')}</h1>${this.status()}<p class="muted">${t('common.loading')}</p>`;
    return html`<h1>${t('nav.dashboard')}</h1>
      ${this.status()}
      <div class="grid">
        ${this.card(t('dashboard.ordersToday'), String(data.ordersToday), '/orders')}
        ${
          data.revenueMonth === null
            ? nothing
            : html`<div class="card" data-card="revenue">
                <div class="muted">${t('dashboard.revenueMonth')}</div>
                <div class="figure">${rupiah(data.revenueMonth)}</div>
                ${
                  data.revenueTarget
                    ? html`<progress max=${data.revenueTarget} value=${Math.min(data.revenueMonth, data.revenueTarget)}></progress>
                        <div class="muted">${t('dashboard.ofTarget', { target: rupiah(data.revenueTarget) })}</div>`
                    : html`<div class="muted">${t('dashboard.noTarget')}</div>`
                }
              </div>`
        }
        ${this.card(t('dashboard.openLeads'), String(data.openLeads), '/leads')}
        ${
          data.overdueInvoices === null
            ? nothing
            : this.card(
                t('dashboard.overdueInvoices'),
                String(data.overdueInvoices.count),
                '/reports',
                rupiah(data.overdueInvoices.amount),
              )
        }
        ${this.card(t('dashboard.tasksDue'), String(data.tasksDue), '/tasks')}
        ${this.card(t('dashboard.unreadChats'), String(data.unreadChats), '/inbox')}
      </div>
      ${this.workload ? this.team(this.workload) : nothing}`;
  }

  /** Who holds which open leads and tasks, so work can be spread (owners and managers). */
  private team(workload: Workload) {
    const row = (name: string, figures: Workload['unassigned']) =>
      html`<tr><td>${name}</td><td class="num">${figures.openLeads}</td><td class="num">${figures.openTasks}</td>
        <td class="num ${figures.overdueTasks > 0 ? 'error' : ''}">${figures.overdueTasks}</td></tr>`;
    return html`<h2>${t('dashboard.workload')}</h2>
      <div class="table-wrap" data-workload><table>
        <thead><tr><th>${t('leads.assignee')}</th><th class="num">${t('dashboard.openLeads')}</th>
          <th class="num">${t('dashboard.openTasks')}</th><th class="num">${t('dashboard.overdueTasks')}</th></tr></thead>
        <tbody>
          ${workload.staff.map((member) => row(`${member.name} (${label('role', member.role)})`, member))}
          ${row(t('reports.unassigned'), workload.unassigned)}
        </tbody>
      </table></div>`;
  }

  private card(title: string, figure: string, href: string, note = '') {
    return html`<div class="card"><a href=${href}><div class="muted">${title}</div><div class="figure">${figure}</div>${
      note ? html`<div class="muted">${note}</div>` : nothing
    }</a></div>`;
  }
}

customElements.define('dashboard-page', DashboardPage);
