import { css, html, nothing, type TemplateResult } from 'lit';
import { get } from '../../api.js';
import { label, type MessageKey, percent, rupiah, t } from '../../i18n.js';
import { PageElement } from '../../page.js';
import { theme } from '../../theme.js';
import '../bar-chart/bar-chart.js';

type Rate = number | null;
interface Trend {
  months: {
    month: string;
    orders: number;
    revenue: number;
    newLeads: number;
    target: { orders: number; revenue: number; newLeads: number };
    ratio: { orders: Rate; revenue: Rate; newLeads: Rate };
  }[];
  total: { orders: number; revenue: number; newLeads: number };
}
interface Funnel {
  leads: number;
  open: number;
  lost: number;
  steps: { stage: string; reached: number; fromPrevious: Rate }[];
  overall: Rate;
}
interface Channels {
  rows: {
    channel: string;
    leads: number;
    won: number;
    conversion: Rate;
    customers: number;
    revenue: number;
  }[];
  total: { leads: number; won: number; conversion: Rate; revenue: number };
}
interface Forecast {
  stages: {
    stage: string;
    count: number;
    value: number;
    probability: number;
    weighted: number;
    withoutValue: number;
  }[];
  total: { count: number; value: number; weighted: number };
}
interface Team {
  rows: {
    userId: string | null;
    name: string | null;
    leadsHandled: number;
    won: number;
    revenue: number;
    conversations: number;
    answered: number;
    medianFirstResponseSeconds: number | null;
  }[];
}
interface Aging {
  buckets: {
    bucket: string;
    count: number;
    outstanding: number;
    invoices: {
      number: string;
      orderNumber: string;
      contactId: string;
      customer: string;
      dueDate: string;
      outstanding: number;
      daysOverdue: number;
    }[];
  }[];
  total: { count: number; outstanding: number };
}
interface Sales {
  quantity: number;
  revenue: number;
}
interface Products {
  products: (Sales & {
    sku: string | null;
    name: string;
    category: string | null;
    share: Rate;
    previous: Sales;
    change: Rate;
  })[];
  categories: (Sales & { category: string | null; share: Rate; previous: Sales; change: Rate })[];
  total: Sales & { previous: Sales; change: Rate };
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

/** The reports, in the order of the tabs; `ranged` ones take the date range. */
const TABS = [
  { id: 'trend', ranged: true },
  { id: 'funnel', ranged: true },
  { id: 'channels', ranged: true },
  { id: 'forecast', ranged: false },
  { id: 'team', ranged: true },
  { id: 'aging', ranged: false },
  { id: 'products', ranged: true },
  { id: 'rfm', ranged: false },
] as const;
type Tab = (typeof TABS)[number]['id'];
type RfmSort = 'recency' | 'frequency' | 'monetary' | 'segment';

/**
 * `<reports-page>`: the shop's reports as charts and tables over a date range of shop-local days:
 * monthly trend against targets, lead funnel, channels, weighted pipeline, team, invoice aging, product
 * sales and RFM segments; each exports to .xlsx with the same filters. Owners and managers only (the
 * server checks). Properties: `session`, `locale`.
 */
export class ReportsPage extends PageElement {
  static override properties = {
    tab: { state: true },
    from: { state: true },
    to: { state: true },
    data: { state: true },
    segment: { state: true },
    sort: { state: true },
  };
  static override styles = [
    theme,
    css`
      .chips { margin-top: 0.25rem; }
      bar-chart { margin: 0.5rem 0 1rem; }
      .figures { display: flex; gap: 1.5rem; flex-wrap: wrap; margin: 0.5rem 0; }
      .figures strong { font-size: 1.3rem; display: block; color: var(--navy); }
    `,
  ];

  declare private tab: Tab;
  declare private from: string;
  declare private to: string;
  /** The answer of the report on show, as the API gives it. */
  declare private data: unknown;
  declare private segment: string;
  declare private sort: RfmSort;

  constructor() {
    super();
    this.tab = 'trend';
    this.from = '';
    this.to = '';
    this.data = null;
    this.segment = '';
    this.sort = 'monetary';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get query(): string {
    const ranged = TABS.find((tab) => tab.id === this.tab)?.ranged;
    const params = new URLSearchParams(
      ranged ? { ...(this.from && { from: this.from }), ...(this.to && { to: this.to }) } : {},
    );
    return params.size > 0 ? `?${params}` : '';
  }

  private async load(): Promise<void> {
    this.data = null;
    await this.act(async () => {
      this.data = await get<unknown>(`/api/reports/${this.tab}${this.query}`);
    }, '');
  }

  private show(changes: { tab?: Tab; from?: string; to?: string }): void {
    Object.assign(this, changes);
    void this.load();
  }

  override render() {
    const ranged = TABS.find((tab) => tab.id === this.tab)?.ranged;
    return html`<h1>${t('nav.reports')}</h1>
      <div class="chips" role="tablist">
        ${TABS.map(
          (
            tab,
          ) => html`<button role="tab" aria-pressed=${this.tab === tab.id} @click=${() => this.show({ tab: tab.id })}>
            ${t(`reports.tab.${tab.id}`)}
          </button>`,
        )}
      </div>
      <div class="toolbar">
        ${
          ranged
            ? html`<label>${t('orders.from')}<input type="date" .value=${this.from} @change=${(event: Event) => this.show({ from: (event.target as HTMLInputElement).value })} /></label>
                <label>${t('orders.to')}<input type="date" .value=${this.to} @change=${(event: Event) => this.show({ to: (event.target as HTMLInputElement).value })} /></label>`
            : html`<span class="muted">${t('reports.snapshot')}</span>`
        }
        ${this.exportLink(`reports/${this.tab}`, {
          ...Object.fromEntries(new URLSearchParams(this.query)),
          ...(this.tab === 'rfm' && { segment: this.segment }),
        })}
      </div>
      ${this.status()}
      ${this.data === null ? html`<p class="muted">${t('common.loading')}</p>` : this.body()}`;
  }

  private body(): TemplateResult | typeof nothing {
    switch (this.tab) {
      case 'trend':
        return this.trend(this.data as Trend);
      case 'funnel':
        return this.funnel(this.data as Funnel);
      case 'channels':
        return this.channels(this.data as Channels);
      case 'forecast':
        return this.forecast(this.data as Forecast);
      case 'team':
        return this.team(this.data as Team);
      case 'aging':
        return this.aging(this.data as Aging);
      case 'products':
        return this.products(this.data as Products);
      case 'rfm':
        return this.segments((this.data as { rows: RfmRow[] }).rows);
    }
  }

  private table(headers: (string | [string, 'num'])[], rows: TemplateResult[]) {
    return html`<div class="table-wrap"><table>
      <thead><tr>${headers.map((header) => (Array.isArray(header) ? html`<th class="num">${header[0]}</th>` : html`<th>${header}</th>`))}</tr></thead>
      <tbody>${rows.length > 0 ? rows : html`<tr><td colspan=${headers.length} class="muted">${t('common.none')}</td></tr>`}</tbody>
    </table></div>`;
  }

  private trend(data: Trend) {
    const months = data.months.map((row) => row.month);
    return html`<h2>${t('reports.revenue')}</h2>
      <bar-chart money .labels=${months} .series=${[
        { label: t('reports.revenue'), data: data.months.map((row) => row.revenue) },
        {
          label: t('reports.target'),
          data: data.months.map((row) => row.target.revenue || null),
          kind: 'line',
          color: '#ffd400',
        },
      ]}></bar-chart>
      <h2>${t('reports.ordersAndLeads')}</h2>
      <bar-chart .labels=${months} .series=${[
        { label: t('reports.orders'), data: data.months.map((row) => row.orders) },
        { label: t('reports.newLeads'), data: data.months.map((row) => row.newLeads), color: '#3f7cc4' },
        {
          label: t('reports.leadTarget'),
          data: data.months.map((row) => row.target.newLeads || null),
          kind: 'line',
          color: '#ffd400',
        },
      ]}></bar-chart>
      ${this.table(
        [
          t('reports.month'),
          [t('reports.orders'), 'num'],
          [t('reports.revenue'), 'num'],
          [t('reports.ofTarget'), 'num'],
          [t('reports.newLeads'), 'num'],
          [t('reports.ofTarget'), 'num'],
        ],
        data.months.map(
          (
            row,
          ) => html`<tr><td>${row.month}</td><td class="num">${row.orders}</td><td class="num">${rupiah(row.revenue)}</td>
            <td class="num">${percent(row.ratio.revenue)}</td><td class="num">${row.newLeads}</td><td class="num">${percent(row.ratio.newLeads)}</td></tr>`,
        ),
      )}`;
  }

  private funnel(data: Funnel) {
    return html`<div class="figures">
        <div>${t('reports.leadsInRange')}<strong>${data.leads}</strong></div>
        <div>${label('leads.state', 'open')}<strong>${data.open}</strong></div>
        <div>${label('stage', 'lost')}<strong>${data.lost}</strong></div>
        <div>${t('reports.overall')}<strong>${percent(data.overall)}</strong></div>
      </div>
      <bar-chart horizontal .labels=${data.steps.map((step) => label('stage', step.stage))} .series=${[
        { label: t('reports.reached'), data: data.steps.map((step) => step.reached) },
      ]}></bar-chart>
      ${this.table(
        [t('leads.stage'), [t('reports.reached'), 'num'], [t('reports.fromPrevious'), 'num']],
        data.steps.map(
          (step) =>
            html`<tr><td>${label('stage', step.stage)}</td><td class="num">${step.reached}</td><td class="num">${percent(step.fromPrevious)}</td></tr>`,
        ),
      )}`;
  }

  private channels(data: Channels) {
    return html`<bar-chart money .labels=${data.rows.map((row) => row.channel)} .series=${[
      { label: t('reports.revenue'), data: data.rows.map((row) => row.revenue) },
    ]}></bar-chart>
      ${this.table(
        [
          t('leads.channel'),
          [t('reports.leads'), 'num'],
          [label('stage', 'won'), 'num'],
          [t('reports.conversion'), 'num'],
          [t('reports.revenue'), 'num'],
        ],
        [...data.rows, { channel: t('reports.total'), ...data.total, customers: 0 }].map(
          (
            row,
          ) => html`<tr><td>${row.channel}</td><td class="num">${row.leads}</td><td class="num">${row.won}</td>
            <td class="num">${percent(row.conversion)}</td><td class="num">${rupiah(row.revenue)}</td></tr>`,
        ),
      )}`;
  }

  private forecast(data: Forecast) {
    return html`<div class="figures">
        <div>${t('reports.pipeline')}<strong>${rupiah(data.total.value)}</strong></div>
        <div>${t('reports.weighted')}<strong>${rupiah(data.total.weighted)}</strong></div>
      </div>
      <bar-chart money .labels=${data.stages.map((stage) => label('stage', stage.stage))} .series=${[
        { label: t('reports.pipeline'), data: data.stages.map((stage) => stage.value), color: '#3f7cc4' },
        { label: t('reports.weighted'), data: data.stages.map((stage) => stage.weighted) },
      ]}></bar-chart>
      ${this.table(
        [
          t('leads.stage'),
          [t('reports.leads'), 'num'],
          [t('reports.pipeline'), 'num'],
          [t('reports.probability'), 'num'],
          [t('reports.weighted'), 'num'],
          [t('reports.withoutValue'), 'num'],
        ],
        data.stages.map(
          (
            stage,
          ) => html`<tr><td>${label('stage', stage.stage)}</td><td class="num">${stage.count}</td><td class="num">${rupiah(stage.value)}</td>
            <td class="num">${percent(stage.probability)}</td><td class="num">${rupiah(stage.weighted)}</td><td class="num">${stage.withoutValue}</td></tr>`,
        ),
      )}`;
  }

  private team(data: Team) {
    const minutes = (seconds: number | null) =>
      seconds === null ? '—' : t('reports.minutes', { minutes: Math.round(seconds / 60) });
    return this.table(
      [
        t('leads.assignee'),
        [t('reports.leadsHandled'), 'num'],
        [label('stage', 'won'), 'num'],
        [t('reports.revenue'), 'num'],
        [t('reports.answered'), 'num'],
        [t('reports.firstResponse'), 'num'],
      ],
      data.rows.map(
        (
          row,
        ) => html`<tr><td>${row.name ?? t('reports.unassigned')}</td><td class="num">${row.leadsHandled}</td><td class="num">${row.won}</td>
          <td class="num">${rupiah(row.revenue)}</td><td class="num">${row.answered} / ${row.conversations}</td>
          <td class="num">${minutes(row.medianFirstResponseSeconds)}</td></tr>`,
      ),
    );
  }

  private aging(data: Aging) {
    const bucketLabel = (bucket: string) =>
      bucket === 'current' ? t('reports.notDue') : t('reports.daysOverdue', { days: bucket });
    return html`<div class="figures">
        <div>${t('reports.openInvoices')}<strong>${data.total.count}</strong></div>
        <div>${t('reports.outstanding')}<strong>${rupiah(data.total.outstanding)}</strong></div>
      </div>
      <bar-chart money .labels=${data.buckets.map((bucket) => bucketLabel(bucket.bucket))} .series=${[
        { label: t('reports.outstanding'), data: data.buckets.map((bucket) => bucket.outstanding) },
      ]}></bar-chart>
      ${this.table(
        [
          t('order.invoice'),
          t('orders.customer'),
          t('reports.due'),
          [t('reports.daysLate'), 'num'],
          [t('reports.outstanding'), 'num'],
        ],
        data.buckets.flatMap((bucket) =>
          bucket.invoices.map(
            (
              invoice,
            ) => html`<tr><td><a href="/orders/${encodeURIComponent(invoice.orderNumber)}">${invoice.number}</a></td>
              <td><a href="/contacts/${invoice.contactId}">${invoice.customer}</a></td><td>${invoice.dueDate}</td>
              <td class="num">${invoice.daysOverdue}</td><td class="num">${rupiah(invoice.outstanding)}</td></tr>`,
          ),
        ),
      )}`;
  }

  private products(data: Products) {
    const top = data.products.slice(0, 12);
    return html`<div class="figures">
        <div>${t('reports.revenue')}<strong>${rupiah(data.total.revenue)}</strong></div>
        <div>${t('reports.change')}<strong>${percent(data.total.change)}</strong></div>
      </div>
      <bar-chart money horizontal .labels=${top.map((row) => row.name)} .series=${[
        { label: t('reports.revenue'), data: top.map((row) => row.revenue) },
        { label: t('reports.previous'), data: top.map((row) => row.previous.revenue), color: '#c9d3e0' },
      ]}></bar-chart>
      <h2>${t('catalog.category')}</h2>
      ${this.table(
        [
          t('catalog.category'),
          [t('reports.quantity'), 'num'],
          [t('reports.revenue'), 'num'],
          [t('reports.share'), 'num'],
          [t('reports.change'), 'num'],
        ],
        data.categories.map(
          (
            row,
          ) => html`<tr><td>${row.category ?? '—'}</td><td class="num">${row.quantity}</td><td class="num">${rupiah(row.revenue)}</td>
            <td class="num">${percent(row.share)}</td><td class="num">${percent(row.change)}</td></tr>`,
        ),
      )}
      <h2>${t('catalog.products')}</h2>
      ${this.table(
        [
          t('catalog.name'),
          t('catalog.category'),
          [t('reports.quantity'), 'num'],
          [t('reports.revenue'), 'num'],
          [t('reports.share'), 'num'],
          [t('reports.change'), 'num'],
        ],
        data.products.map(
          (
            row,
          ) => html`<tr><td>${row.name}</td><td>${row.category ?? '—'}</td><td class="num">${row.quantity}</td><td class="num">${rupiah(row.revenue)}</td>
            <td class="num">${percent(row.share)}</td><td class="num">${percent(row.change)}</td></tr>`,
        ),
      )}`;
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
    const header = (key: RfmSort, text: MessageKey) =>
      html`<th class=${key === 'segment' ? '' : 'num'}><button @click=${() => {
        this.sort = key;
      }}>${t(text)}${this.sort === key ? ' ▾' : ''}</button></th>`;
    return html`<bar-chart .labels=${names} .series=${[
      {
        label: t('reports.customers'),
        data: names.map((name) => rows.filter((row) => row.segment === name).length),
      },
    ]}></bar-chart>
      <div class="toolbar">
        <select aria-label=${t('reports.segment')} @change=${(event: Event) => {
          this.segment = (event.target as HTMLSelectElement).value;
        }}>
          <option value="">${t('reports.filterSegment')}</option>
          ${names.map((name) => html`<option value=${name}>${name} (${rows.filter((row) => row.segment === name).length})</option>`)}
        </select>
      </div>
      <div class="table-wrap"><table>
        <thead><tr>
          <th>${t('orders.customer')}</th>${header('recency', 'reports.recency')}${header('frequency', 'reports.frequency')}
          ${header('monetary', 'reports.monetary')}<th>R F M</th>${header('segment', 'reports.segment')}
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
