import { css, html, nothing } from 'lit';
import { rupiah, t } from '../../i18n.js';
import { PageElement } from '../../page.js';
import { theme } from '../../theme.js';

interface Dashboard {
  ordersToday: number;
  revenueMonth: number | null;
  revenueTarget: number | null;
  openLeads: number;
  overdueInvoices: { count: number; amount: number } | null;
  tasksDue: number;
}

/**
 * `<dashboard-page>`: today's work at a glance; money figures only for owners and managers (the
 * server leaves them out for admins). Properties: `session`, `locale`. Refreshes by polling.
 */
export class DashboardPage extends PageElement {
  static override properties = { data: { state: true } };
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

  constructor() {
    super();
    this.data = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.watch<Dashboard>('/api/dashboard', (data) => {
      this.data = data;
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
      </div>`;
  }

  private card(title: string, figure: string, href: string, note = '') {
    return html`<div class="card"><a href=${href}><div class="muted">${title}</div><div class="figure">${figure}</div>${
      note ? html`<div class="muted">${note}</div>` : nothing
    }</a></div>`;
  }
}

customElements.define('dashboard-page', DashboardPage);
