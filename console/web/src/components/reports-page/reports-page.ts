import { css, html, nothing } from 'lit';
import { get } from '../../api.js';
import { rupiah, t } from '../../i18n.js';
import { PageElement } from '../../page.js';
import { theme } from '../../theme.js';

interface MonthRow {
  month: string;
  orders: number;
  revenue: number;
}
interface RfmRow {
  contactId: string;
  customer: string;
  name: string | null;
  recency: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: string;
}
type RfmSort = 'recency' | 'frequency' | 'monetary' | 'segment';

/**
 * `<reports-page>`: orders and revenue per month (the last 12, with bars) and the customers' RFM
 * segments, sortable and filtered by segment. Owners and managers only (the server checks).
 * Properties: `session`, `locale`.
 */
export class ReportsPage extends PageElement {
  static override properties = {
    months: { state: true },
    rfm: { state: true },
    segment: { state: true },
    sort: { state: true },
  };
  static override styles = [
    theme,
    css`
      .bar { height: 0.7rem; background: var(--navy); border-radius: 3px; }
      td.bar-cell { width: 40%; }
    `,
  ];

  declare private months: MonthRow[] | null;
  declare private rfm: RfmRow[] | null;
  declare private segment: string;
  declare private sort: RfmSort;

  constructor() {
    super();
    this.months = null;
    this.rfm = null;
    this.segment = '';
    this.sort = 'monetary';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.act(async () => {
      const [monthly, rfm] = await Promise.all([
        get<{ rows: MonthRow[] }>('/api/reports/monthly'),
        get<{ rows: RfmRow[] }>('/api/reports/rfm'),
      ]);
      this.months = monthly.rows.slice(-12);
      this.rfm = rfm.rows;
    }, '');
  }

  override render() {
    return html`<h1>${t('nav.reports')}</h1>${this.status()}
      <h2>${t('reports.monthly')}</h2>
      ${this.months ? this.monthly(this.months) : html`<p class="muted">${t('common.loading')}</p>`}
      <h2>${t('reports.rfm')}</h2>
      ${this.rfm ? this.segments(this.rfm) : nothing}`;
  }

  private monthly(rows: MonthRow[]) {
    const top = Math.max(1, ...rows.map((row) => row.revenue));
    return html`<div class="table-wrap"><table>
      <thead><tr><th>${t('reports.month')}</th><th class="num">${t('reports.orders')}</th><th class="num">${t('reports.revenue')}</th><th></th></tr></thead>
      <tbody>
        ${rows.map(
          (
            row,
          ) => html`<tr><td>${row.month}</td><td class="num">${row.orders}</td><td class="num">${rupiah(row.revenue)}</td>
            <td class="bar-cell"><div class="bar" style="width:${(row.revenue / top) * 100}%"></div></td></tr>`,
        )}
        ${rows.length === 0 ? html`<tr><td colspan="4" class="muted">${t('common.none')}</td></tr>` : nothing}
      </tbody>
    </table></div>`;
  }

  private segments(rows: RfmRow[]) {
    const names = [...new Set(rows.map((row) => row.segment))].sort();
    const shown = rows
      .filter((row) => !this.segment || row.segment === this.segment)
      .sort((a, b) =>
        this.sort === 'segment'
          ? a.segment.localeCompare(b.segment)
          : this.sort === 'recency'
            ? a.recency - b.recency
            : b[this.sort] - a[this.sort],
      );
    const header = (key: RfmSort, text: string) =>
      html`<th class=${key === 'segment' ? '' : 'num'}><button @click=${() => {
        this.sort = key;
      }}>${text}${this.sort === key ? ' ▾' : ''}</button></th>`;
    return html`<div class="toolbar">
        <select aria-label=${t('reports.segment')} @change=${(event: Event) => {
          this.segment = (event.target as HTMLSelectElement).value;
        }}>
          <option value="">${t('reports.filterSegment')}</option>
          ${names.map((name) => html`<option value=${name}>${name} (${rows.filter((row) => row.segment === name).length})</option>`)}
        </select>
      </div>
      <div class="table-wrap"><table>
        <thead><tr>
          <th>${t('orders.customer')}</th>${header('recency', t('reports.recency'))}${header('frequency', t('reports.frequency'))}
          ${header('monetary', t('reports.monetary'))}<th>R F M</th>${header('segment', t('reports.segment'))}
        </tr></thead>
        <tbody>
          ${shown.slice(0, 500).map(
            (row) => html`<tr>
              <td><a href="/contacts/${row.contactId}">${row.name ?? row.customer}</a></td>
              <td class="num">${row.recency}</td><td class="num">${row.frequency}</td><td class="num">${rupiah(row.monetary)}</td>
              <td>${row.r} ${row.f} ${row.m}</td><td><span class="badge">${row.segment}</span></td>
            </tr>`,
          )}
          ${shown.length === 0 ? html`<tr><td colspan="6" class="muted">${t('common.none')}</td></tr>` : nothing}
        </tbody>
      </table></div>`;
  }
}

customElements.define('reports-page', ReportsPage);
