import { css, html, nothing } from 'lit';
import { api, get, post } from '../../api.js';
import type { OrderStatus } from '../../codes.js';
import { label, rupiah, t } from '../../i18n.js';
import { type Colleague, PageElement, type ThreadMessage } from '../../page.js';
import { theme } from '../../theme.js';
import '../reply-box/reply-box.js';

interface Order {
  number: string;
  trackingToken: string;
  contactId: string;
  kind: 'catalog' | 'custom';
  status: OrderStatus;
  items: { sku: string; name: string; qty: number; unitPrice: number; subtotal: number }[];
  custom?: {
    category?: string;
    description: string;
    requirements?: string;
    deadline?: string;
    budget?: number;
  };
  fulfilment: { method?: string; date?: string; time?: string; address?: string; recipientName?: string };
  customerNotes?: string;
  paymentMethod?: string;
  subtotal: number;
  discount: number;
  shippingFee: number;
  total: number;
  paidAmount: number;
  paymentStatus: string;
  assignee?: string;
  timeline: { status: OrderStatus; at: string; note?: string; actor: { kind: string; name?: string } }[];
}
interface Detail {
  order: Order;
  customer: { name: string | null; phone: string | null };
  invoice: { number: string; amount: number; paidAmount: number; dueDate: string; status: string } | null;
  pendingPayments: { number: string; amount?: number; status: string; createdAt: string }[];
  messages: ThreadMessage[];
  queued: { text: string; origin: string; state: string; createdAt: string }[];
  nextStatuses: OrderStatus[];
  deliverables: { id: string; name: string; url: string; uploadedAt: string; uploadedBy: string | null }[];
}

/**
 * `<order-page>`: one order with everything staff act on: items and totals (discount and delivery fee
 * editable while open), status change limited to legal moves, timeline, invoice and payment proofs,
 * files for the customer, and the chat with a reply box that goes out through the outbox.
 * Properties: `session`, `locale`, `number` (the order number from the address).
 */
export class OrderPage extends PageElement {
  static override properties = {
    number: {},
    data: { state: true },
    staff: { state: true },
    products: { state: true },
    candidates: { state: true },
  };
  static override styles = [
    theme,
    css`
      .columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; }
      @media (max-width: 1000px) { .columns { grid-template-columns: 1fr; } }
      .card + .card { margin-top: 1rem; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
      dt { color: var(--muted); }
      ol.timeline { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.4rem; }
    `,
  ];

  declare number: string;
  declare private data: Detail | null;
  declare private staff: Colleague[];
  /** Contacts found to move the order to. */
  declare private candidates:
    | { id: string; name: string | null; pushName: string | null; phone: string | null }[]
    | null;
  declare private products: { sku: string; name: string; price: number; active: boolean }[];

  constructor() {
    super();
    this.data = null;
    this.staff = [];
    this.products = [];
    this.candidates = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.watch<Detail>(this.url, (data) => {
      this.data = data;
    });
    void Promise.all([
      get<{ staff: Colleague[] }>('/api/staff'),
      get<{ products: OrderPage['products'] }>('/api/products'),
    ]).then(([staff, catalog]) => {
      this.staff = staff.staff;
      this.products = catalog.products.filter((product) => product.active);
    });
  }

  private async findContacts(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const q = String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim();
    if (!q) return;
    const found = await get<{ items: NonNullable<OrderPage['candidates']> }>(
      `/api/contacts?view=all&q=${encodeURIComponent(q)}`,
    );
    this.candidates = found.items.filter((contact) => contact.id !== this.data?.order.contactId);
  }

  private async moveTo(contactId: string): Promise<void> {
    if (await this.act(() => post(`${this.url}/contact`, { contactId }), t('order.moved'))) {
      this.candidates = null;
      await this.refresh();
    }
  }

  private async assign(assigneeId: string): Promise<void> {
    if (await this.act(() => post(`${this.url}/assignee`, { assigneeId: assigneeId || null })))
      await this.refresh();
  }

  /** Quantities as edited (0 drops a line) plus an added product; prices are the server's to set. */
  private async editItems(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const lines = (this.data?.order.items ?? []).map((item) => ({
      sku: item.sku,
      qty: Number(form.get(`qty-${item.sku}`) || 0),
    }));
    const added = String(form.get('addSku') ?? '');
    if (added) {
      const qty = Number(form.get('addQty') || 1);
      const existing = lines.find((line) => line.sku === added);
      if (existing) existing.qty += qty;
      else lines.push({ sku: added, qty });
    }
    const items = lines.filter((line) => line.qty > 0);
    if (await this.act(() => api('PATCH', this.url, { items }))) await this.refresh();
  }

  private get url(): string {
    return `/api/orders/${encodeURIComponent(this.number)}`;
  }

  private async refresh(): Promise<void> {
    this.data = await api<Detail>('GET', this.url);
  }

  private async changeStatus(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const to = String(form.get('to')) as OrderStatus;
    const note = String(form.get('note') ?? '').trim();
    const done = await this.act(
      () => post(`${this.url}/status`, { to, ...(note && { note }) }),
      t('order.statusChanged', { status: label('status', to) }),
    );
    if (done) await this.refresh();
  }

  private async editMoney(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const discount = Number(form.get('discount') || 0);
    const shippingFee = Number(form.get('shippingFee') || 0);
    if (await this.act(() => api('PATCH', this.url, { discount, shippingFee }))) await this.refresh();
  }

  private async invoice(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const amount = String(new FormData(event.target as HTMLFormElement).get('amount') ?? '').trim();
    const body = amount ? { amount: Number(amount) } : {};
    if (await this.act(() => post(`${this.url}/invoice`, body))) await this.refresh();
  }

  private async verify(payment: string): Promise<void> {
    if (await this.act(() => post(`/api/payments/${payment}/verify`, { orderNumber: this.number })))
      await this.refresh();
  }

  private async reject(payment: string): Promise<void> {
    const reason = prompt(t('order.rejectReason'))?.trim();
    if (!reason) return;
    if (await this.act(() => post(`/api/payments/${payment}/reject`, { reason }))) await this.refresh();
  }

  private async upload(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const done = await this.act(
      () => api('POST', `${this.url}/deliverables`, new FormData(formElement)),
      t('order.uploaded'),
    );
    if (done) {
      formElement.reset();
      await this.refresh();
    }
  }

  override render() {
    const data = this.data;
    if (!data)
      return html`<a href="/orders">${t('order.back')}</a>${this.status()}<p class="muted">${t('common.loading')}</p>`;
    const { order } = data;
    return html`<a href="/orders">${t('order.back')}</a>
      <div class="spread">
        <h1>${order.number} <span class="badge ${order.status}" data-status>${label('status', order.status)}</span></h1>
        <a href="/track/${order.trackingToken}" target="_blank" rel="noopener">${t('order.tracking')} ↗</a>
      </div>
      ${this.status()}
      <div class="columns">
        <div>
          <section class="card">
            <div class="spread">
              <strong><a href="/contacts/${order.contactId}">${data.customer.name ?? '—'}</a></strong>
              <span class="muted">${data.customer.phone ?? ''}</span>
            </div>
            ${order.kind === 'custom' && order.custom ? this.brief(order) : this.items(order)}
            ${this.totals(order)}
          </section>
          <section class="card">
            <h2>${t('order.fulfilment')}</h2>
            <dl>
              ${order.fulfilment.method ? html`<dt>${t('order.method')}</dt><dd>${label('fulfil', order.fulfilment.method)}</dd>` : nothing}
              ${order.fulfilment.date ? html`<dt>${t('order.when')}</dt><dd>${order.fulfilment.date} ${order.fulfilment.time ?? ''}</dd>` : nothing}
              ${order.fulfilment.address ? html`<dt>${t('order.address')}</dt><dd>${order.fulfilment.address}${order.fulfilment.recipientName ? ` (${order.fulfilment.recipientName})` : ''}</dd>` : nothing}
              ${order.paymentMethod ? html`<dt>${t('order.paymentMethod')}</dt><dd>${label('method', order.paymentMethod)}</dd>` : nothing}
              ${order.customerNotes ? html`<dt>${t('order.notes')}</dt><dd>${order.customerNotes}</dd>` : nothing}
            </dl>
            ${this.isOpen(order) ? this.fulfilmentForm(order) : nothing}
            <details style="margin-top:0.75rem" data-move>
              <summary>${t('order.move')}</summary>
              <p class="muted">${t('order.moveHint')}</p>
              <form class="row" @submit=${this.findContacts}>
                <input name="q" type="search" placeholder=${t('contacts.search')} aria-label=${t('order.moveSearch')} />
                <button type="submit">${t('common.search')}</button>
              </form>
              ${(this.candidates ?? []).map(
                (contact) => html`<div class="row" style="margin-top:0.4rem">
                  ${contact.name ?? contact.pushName ?? '—'} · ${contact.phone ?? '—'}
                  <button @click=${() => this.moveTo(contact.id)}>${t('order.moveHere')}</button>
                </div>`,
              )}
            </details>
          </section>
          <section class="card">
            <h2>${t('order.thread')}</h2>
            ${this.thread(data.messages)}
            ${
              data.queued.length > 0
                ? html`<h2>${t('order.queued')}</h2>
                    <div class="thread" data-queued>
                      ${data.queued.map(
                        (item) =>
                          html`<div class="bubble out">${item.text}<small>${label('author', item.origin === 'staff' ? 'staff' : 'bot')} · ${this.when(item.createdAt)} · ${item.state}</small></div>`,
                      )}
                    </div>`
                : nothing
            }
            <reply-box style="margin-top:0.5rem" @pesanin-send=${async (event: CustomEvent<string>) => {
              if (await this.sendReply(event, `${this.url}/reply`)) await this.refresh();
            }}></reply-box>
          </section>
        </div>
        <div>
          <section class="card">
            <label>${t('orders.assignee')}
              <select @change=${(event: Event) => void this.assign((event.target as HTMLSelectElement).value)}>
                <option value="">—</option>
                ${this.staff.map((user) => html`<option value=${user.id} ?selected=${order.assignee === user.id}>${user.name}</option>`)}
              </select>
            </label>
            <h2>${t('order.changeStatus')}</h2>
            ${
              data.nextStatuses.length === 0
                ? html`<p class="muted">${t('order.noNextStatus')}</p>`
                : html`<form class="row" @submit=${this.changeStatus}>
                    <select name="to" aria-label=${t('order.changeStatus')}>
                      ${data.nextStatuses.map((status) => html`<option value=${status}>${label('status', status)}</option>`)}
                    </select>
                    <input name="note" placeholder=${t('order.statusNote')} maxlength="2000" />
                    <button class="accent" type="submit">${t('order.changeStatus')}</button>
                  </form>`
            }
            <h2>${t('order.timeline')}</h2>
            <ol class="timeline">
              ${order.timeline.map(
                (
                  entry,
                ) => html`<li><span class="badge ${entry.status}">${label('status', entry.status)}</span>
                  <span class="muted">${this.when(entry.at)}${entry.actor.name ? ` · ${entry.actor.name}` : ''}</span>
                  ${entry.note ? html`<div>${entry.note}</div>` : nothing}</li>`,
              )}
            </ol>
          </section>
          ${this.money(data)}
          <section class="card">
            <h2>${t('order.deliverables')}</h2>
            <ul>
              ${data.deliverables.map(
                (file) => html`<li><a href=${file.url} target="_blank" rel="noopener">${file.name}</a>
                  <span class="muted">${this.when(file.uploadedAt)}</span></li>`,
              )}
            </ul>
            <form class="row" @submit=${this.upload}>
              <input type="file" name="file" required />
              <button type="submit">${t('order.upload')}</button>
            </form>
          </section>
        </div>
      </div>`;
  }

  private isOpen(order: Order): boolean {
    return order.status !== 'completed' && order.status !== 'cancelled';
  }

  /** How and when the order reaches the customer, and how they pay; empty fields are cleared. */
  private fulfilmentForm(order: Order) {
    const f = order.fulfilment;
    const submit = async (event: SubmitEvent) => {
      event.preventDefault();
      const form = new FormData(event.target as HTMLFormElement);
      const value = (name: string) => String(form.get(name) ?? '').trim() || null;
      const patch = {
        fulfilment: {
          method: value('method'),
          date: value('date'),
          time: value('time'),
          address: value('address'),
          recipientName: value('recipientName'),
        },
        paymentMethod: value('paymentMethod'),
      };
      if (await this.act(() => api('PATCH', this.url, patch))) await this.refresh();
    };
    return html`<details style="margin-top:0.75rem">
      <summary>${t('order.editDetails')}</summary>
      <form class="stack" style="margin-top:0.5rem" @submit=${submit}>
        <div class="row">
          <label>${t('order.method')}<select name="method">
            <option value="">—</option>
            ${(['pickup', 'delivery'] as const).map((method) => html`<option value=${method} ?selected=${f.method === method}>${label('fulfil', method)}</option>`)}
          </select></label>
          <label>${t('order.date')}<input name="date" type="date" .value=${f.date ?? ''} /></label>
          <label>${t('order.time')}<input name="time" type="time" .value=${f.time ?? ''} /></label>
        </div>
        <label>${t('order.address')}<textarea name="address" rows="2" .value=${f.address ?? ''}></textarea></label>
        <label>${t('order.recipient')}<input name="recipientName" .value=${f.recipientName ?? ''} /></label>
        <label>${t('order.paymentMethod')}<select name="paymentMethod">
          <option value="">—</option>
          ${(['transfer', 'qris', 'cod', 'cash'] as const).map((method) => html`<option value=${method} ?selected=${order.paymentMethod === method}>${label('method', method)}</option>`)}
        </select></label>
        <button type="submit">${t('common.save')}</button>
      </form>
    </details>`;
  }

  private items(order: Order) {
    if (!this.isOpen(order))
      return html`<h2>${t('order.items')}</h2>
        <table><tbody>
          ${order.items.map(
            (item) =>
              html`<tr><td>${item.qty} × ${item.name}</td><td class="num">${rupiah(item.unitPrice)}</td><td class="num">${rupiah(item.subtotal)}</td></tr>`,
          )}
        </tbody></table>`;
    return html`<h2>${t('order.items')}</h2>
      <form @submit=${this.editItems}>
        <table><tbody>
          ${order.items.map(
            (item) => html`<tr data-sku=${item.sku}>
              <td><input name="qty-${item.sku}" type="number" min="0" max="10000" style="width:4.5rem" .value=${String(item.qty)} aria-label=${item.name} /> × ${item.name}</td>
              <td class="num">${rupiah(item.unitPrice)}</td><td class="num">${rupiah(item.subtotal)}</td></tr>`,
          )}
          <tr><td colspan="3" class="row">
            <select name="addSku" aria-label=${t('order.addProduct')}>
              <option value="">${t('order.addProduct')}</option>
              ${this.products.map((product) => html`<option value=${product.sku}>${product.name} · ${rupiah(product.price)}</option>`)}
            </select>
            <input name="addQty" type="number" min="1" max="10000" value="1" style="width:4.5rem" aria-label=${t('order.addQty')} />
            <button type="submit">${t('order.saveItems')}</button>
          </td></tr>
        </tbody></table>
      </form>`;
  }

  private brief(order: Order) {
    const brief = order.custom;
    if (!brief) return nothing;
    return html`<h2>${t('order.brief')}${brief.category ? ` · ${brief.category}` : ''}</h2>
      <p style="white-space:pre-wrap">${brief.description}</p>
      ${brief.requirements ? html`<p class="muted">${brief.requirements}</p>` : nothing}
      <dl>
        ${brief.deadline ? html`<dt>${t('order.deadline')}</dt><dd>${brief.deadline}</dd>` : nothing}
        ${brief.budget ? html`<dt>${t('order.budget')}</dt><dd>${rupiah(brief.budget)}</dd>` : nothing}
      </dl>`;
  }

  private totals(order: Order) {
    const open = this.isOpen(order);
    return html`<form @submit=${this.editMoney}>
      <dl style="margin-top:0.75rem">
        <dt>${t('order.subtotal')}</dt><dd>${rupiah(order.subtotal)}</dd>
        <dt>${t('order.discount')}</dt>
        <dd>${open ? html`<input name="discount" type="number" min="0" step="1000" .value=${String(order.discount)} />` : rupiah(order.discount)}</dd>
        <dt>${t('order.shipping')}</dt>
        <dd>${open ? html`<input name="shippingFee" type="number" min="0" step="1000" .value=${String(order.shippingFee)} />` : rupiah(order.shippingFee)}</dd>
        <dt><strong>${t('orders.total')}</strong></dt><dd><strong data-total>${rupiah(order.total)}</strong></dd>
        <dt>${t('order.paid')}</dt><dd>${rupiah(order.paidAmount)} <span class="badge ${order.paymentStatus}">${label('payment', order.paymentStatus)}</span></dd>
      </dl>
      ${open ? html`<button type="submit" style="margin-top:0.5rem">${t('common.save')}</button>` : nothing}
    </form>`;
  }

  private money(data: Detail) {
    return html`<section class="card">
      <h2>${t('order.invoice')}</h2>
      ${
        data.invoice
          ? html`<p><strong>${data.invoice.number}</strong> · ${rupiah(data.invoice.amount)} ·
              <span class="badge">${data.invoice.status}</span><br /><span class="muted">${t('order.invoiceDue', { date: data.invoice.dueDate })}</span></p>`
          : html`<p class="muted">${t('order.noInvoice')}</p>`
      }
      <form class="row" @submit=${this.invoice}>
        <input name="amount" type="number" min="0" step="1000" placeholder=${t('order.invoiceAmount')} aria-label=${t('order.invoiceAmount')} />
        <button type="submit">${t('order.makeInvoice')}</button>
      </form>
      ${
        data.pendingPayments.length > 0
          ? html`<h2>${t('order.pendingPayments')}</h2>
              ${data.pendingPayments.map(
                (payment) => html`<div class="spread">
                  <span>${payment.number} ${payment.amount ? rupiah(payment.amount) : ''} <span class="muted">${this.when(payment.createdAt)}</span></span>
                  <span class="row">
                    <button class="primary" @click=${() => this.verify(payment.number)}>${t('order.verify')}</button>
                    <button class="danger" @click=${() => this.reject(payment.number)}>${t('order.reject')}</button>
                  </span>
                </div>`,
              )}`
          : nothing
      }
    </section>`;
  }
}

customElements.define('order-page', OrderPage);
