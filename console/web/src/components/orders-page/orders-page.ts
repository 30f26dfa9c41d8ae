import { html, nothing } from 'lit';
import { get } from '../../api.js';
import { ORDER_KINDS, ORDER_SORTS, ORDER_STATUSES, type OrderStatus } from '../../codes.js';
import { label, rupiah, t } from '../../i18n.js';
import { type Colleague, PageElement } from '../../page.js';

interface OrderRow {
  number: string;
  customer: string | null;
  status: OrderStatus;
  kind: string;
  total: number;
  paymentStatus: string;
  createdAt: string;
}
interface OrderPage {
  items: OrderRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<OrderStatus, number>;
}

const FILTERS = ['status', 'kind', 'category', 'assignee', 'from', 'to', 'q', 'sort', 'page'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

/**
 * `<orders-page>`: every order, filtered by status (with counts), kind and dates, searched by number,
 * name, phone or text, sorted, 25 per page. The filters live in the address so a list can be shared
 * or reloaded. Properties: `session`, `locale`.
 */
export class OrdersPage extends PageElement {
  static override properties = { data: { state: true }, filters: { state: true }, staff: { state: true } };

  declare private data: OrderPage | null;
  declare private filters: Filters;
  declare private staff: Colleague[];

  constructor() {
    super();
    this.data = null;
    this.staff = [];
    const params = new URLSearchParams(location.search);
    this.filters = Object.fromEntries(
      FILTERS.flatMap((key) => (params.get(key) ? [[key, params.get(key)]] : [])),
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
    void get<{ staff: Colleague[] }>('/api/staff').then(({ staff }) => {
      this.staff = staff;
    });
  }

  private load(): void {
    this.unwatch();
    const query = new URLSearchParams(this.filters as Record<string, string>).toString();
    history.replaceState(null, '', `/orders${query ? `?${query}` : ''}`);
    this.watch<OrderPage>(`/api/orders${query ? `?${query}` : ''}`, (data) => {
      this.data = data;
    });
  }

  private set(changes: Filters): void {
    const next: Filters = { ...this.filters, page: undefined, ...changes };
    this.filters = Object.fromEntries(Object.entries(next).filter(([, value]) => value)) as Filters;
    this.load();
  }

  private search(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.set({ q: String(form.get('q') ?? '').trim() });
  }

  override render() {
    const data = this.data;
    const allCount = data ? Object.values(data.counts).reduce((sum, count) => sum + count, 0) : 0;
    return html`<div class="spread"><h1>${t('nav.orders')}</h1><a class="button accent" href="/orders/new">+ ${t('newOrder.title')}</a></div>
      ${this.status()}
      <div class="chips" role="group" aria-label=${t('orders.status')}>
        <button aria-pressed=${!this.filters.status} @click=${() => this.set({ status: undefined })}>
          ${t('common.all')} (${allCount})
        </button>
        ${ORDER_STATUSES.map(
          (status) => html`<button
            data-status=${status}
            aria-pressed=${this.filters.status === status}
            @click=${() => this.set({ status })}
          >${label('status', status)} (${data?.counts[status] ?? 0})</button>`,
        )}
      </div>
      <form class="toolbar" @submit=${this.search}>
        <label>${t('common.search')}
          <input name="q" type="search" size="32" .value=${this.filters.q ?? ''} placeholder=${t('orders.search')} />
        </label>
        <label>${t('orders.kind')}
          <select @change=${(event: Event) => this.set({ kind: (event.target as HTMLSelectElement).value })}>
            <option value="">${t('common.all')}</option>
            ${ORDER_KINDS.map((kind) => html`<option value=${kind} ?selected=${this.filters.kind === kind}>${label('kind', kind)}</option>`)}
          </select>
        </label>
        <label>${t('catalog.category')}
          <input size="10" .value=${this.filters.category ?? ''} @change=${(event: Event) => this.set({ category: (event.target as HTMLInputElement).value.trim() })} />
        </label>
        <label>${t('orders.assignee')}
          <select @change=${(event: Event) => this.set({ assignee: (event.target as HTMLSelectElement).value })}>
            <option value="">${t('common.all')}</option>
            ${this.staff.map((user) => html`<option value=${user.id} ?selected=${this.filters.assignee === user.id}>${user.name}</option>`)}
          </select>
        </label>
        <label>${t('orders.from')}
          <input type="date" .value=${this.filters.from ?? ''} @change=${(event: Event) => this.set({ from: (event.target as HTMLInputElement).value })} />
        </label>
        <label>${t('orders.to')}
          <input type="date" .value=${this.filters.to ?? ''} @change=${(event: Event) => this.set({ to: (event.target as HTMLInputElement).value })} />
        </label>
        <label>${t('orders.sort')}
          <select @change=${(event: Event) => this.set({ sort: (event.target as HTMLSelectElement).value })}>
            ${ORDER_SORTS.map((sort) => html`<option value=${sort} ?selected=${(this.filters.sort ?? 'newest') === sort}>${label('sort', sort)}</option>`)}
          </select>
        </label>
        <button class="primary" type="submit">${t('common.search')}</button>
        ${this.exportLink('orders', { ...this.filters, page: undefined })}
      </form>
      ${
        !data
          ? html`<p class="muted">${t('common.loading')}</p>`
          : html`<p class="muted">${t('orders.count', { count: data.total })}</p>
              <div class="table-wrap"><table>
                <thead><tr>
                  <th>${t('orders.number')}</th><th>${t('orders.customer')}</th><th>${t('orders.status')}</th>
                  <th>${t('orders.kind')}</th><th class="num">${t('orders.total')}</th><th>${t('orders.payment')}</th>
                  <th>${t('orders.created')}</th>
                </tr></thead>
                <tbody>
                  ${data.items.map(
                    (order) => html`<tr data-order=${order.number}>
                      <td><a href="/orders/${encodeURIComponent(order.number)}">${order.number}</a></td>
                      <td>${order.customer ?? '—'}</td>
                      <td><span class="badge ${order.status}">${label('status', order.status)}</span></td>
                      <td>${label('kind', order.kind)}</td>
                      <td class="num">${rupiah(order.total)}</td>
                      <td><span class="badge ${order.paymentStatus}">${label('payment', order.paymentStatus)}</span></td>
                      <td>${this.when(order.createdAt)}</td>
                    </tr>`,
                  )}
                  ${data.items.length === 0 ? html`<tr><td colspan="7" class="muted">${t('common.none')}</td></tr>` : nothing}
                </tbody>
              </table></div>
              ${this.pager(data, (page) => this.set({ page: String(page) }))}`
      }`;
  }
}

customElements.define('orders-page', OrdersPage);
