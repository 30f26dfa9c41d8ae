import { html, nothing } from 'lit';
import { get, post } from '../../api.js';
import { label, rupiah, t } from '../../i18n.js';
import { navigate, PageElement } from '../../page.js';

interface Product {
  sku: string;
  name: string;
  price: number;
  active: boolean;
}
type Kind = 'catalog' | 'custom';

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/**
 * `<new-order-page>`: an order taken by phone or in the shop: the customer by phone number (found, or
 * created with the name given), catalog items or a custom brief, and the pickup/delivery and payment
 * details; the customer gets the usual confirmation on WhatsApp. Properties: `session`, `locale`.
 */
export class NewOrderPage extends PageElement {
  static override properties = {
    products: { state: true },
    kind: { state: true },
    lines: { state: true },
    busy: { state: true },
  };

  declare private products: Product[];
  declare private kind: Kind;
  /** Catalog lines being put together: sku → quantity. */
  declare private lines: { sku: string; qty: number }[];
  declare private busy: boolean;
  /** One id per order being written: a double click sends it twice and makes one order. */
  private requestId = crypto.randomUUID();

  constructor() {
    super();
    this.products = [];
    this.kind = 'catalog';
    this.lines = [{ sku: '', qty: 1 }];
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void get<{ products: Product[] }>('/api/products').then(({ products }) => {
      this.products = products.filter((product) => product.active);
    });
  }

  private setLine(index: number, change: Partial<{ sku: string; qty: number }>): void {
    this.lines = this.lines.map((line, at) => (at === index ? { ...line, ...change } : line));
    const last = this.lines[this.lines.length - 1];
    if (last?.sku) this.lines = [...this.lines, { sku: '', qty: 1 }];
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const optional = (name: string) => text(form, name) || undefined;
    const money = (name: string) => (text(form, name) ? Number(text(form, name)) : undefined);
    const body = {
      phone: text(form, 'phone'),
      name: optional('name'),
      kind: this.kind,
      ...(this.kind === 'catalog'
        ? { items: this.lines.filter((line) => line.sku && line.qty > 0) }
        : {
            custom: {
              description: text(form, 'description'),
              category: optional('category'),
              budget: money('budget'),
              deadline: optional('deadline'),
            },
            agreedPrice: money('agreedPrice'),
          }),
      fulfilment: {
        method: optional('method'),
        date: optional('date'),
        time: optional('time'),
        address: optional('address'),
        recipientName: optional('recipientName'),
      },
      paymentMethod: optional('paymentMethod'),
      customerNotes: optional('customerNotes'),
      shippingFee: money('shippingFee'),
      requestId: this.requestId,
    };
    this.busy = true;
    let number = '';
    const made = await this.act(async () => {
      number = (await post<{ order: { number: string } }>('/api/orders', body)).order.number;
    });
    this.busy = false;
    if (made) navigate(`/orders/${encodeURIComponent(number)}`);
  }

  override render() {
    const total = this.lines.reduce(
      (sum, line) => sum + (this.products.find((product) => product.sku === line.sku)?.price ?? 0) * line.qty,
      0,
    );
    return html`<a href="/orders">${t('order.back')}</a>
      <h1>${t('newOrder.title')}</h1>
      <p class="muted">${t('newOrder.hint')}</p>
      ${this.status()}
      <form class="card stack" style="max-width:48rem" @submit=${this.submit}>
        <div class="row">
          <label>${t('contacts.phone')}<input name="phone" required placeholder="0812…" autocomplete="off" /></label>
          <label>${t('contacts.name')}<input name="name" maxlength="120" /></label>
        </div>
        <div class="chips">
          ${(['catalog', 'custom'] as const).map(
            (kind) =>
              html`<button type="button" aria-pressed=${this.kind === kind} @click=${() => {
                this.kind = kind;
              }}>${label('kind', kind)}</button>`,
          )}
        </div>
        ${
          this.kind === 'catalog'
            ? html`${this.lines.map(
                (line, index) => html`<div class="row" data-line=${index}>
                  <select aria-label=${t('order.addProduct')} @change=${(event: Event) => this.setLine(index, { sku: (event.target as HTMLSelectElement).value })}>
                    <option value="">${t('order.addProduct')}</option>
                    ${this.products.map((product) => html`<option value=${product.sku} ?selected=${line.sku === product.sku}>${product.name} · ${rupiah(product.price)}</option>`)}
                  </select>
                  <input type="number" min="1" max="10000" style="width:5rem" .value=${String(line.qty)} aria-label=${t('order.addQty')}
                    @change=${(event: Event) => this.setLine(index, { qty: Number((event.target as HTMLInputElement).value) })} />
                </div>`,
              )}
              <p><strong>${t('order.subtotal')}: ${rupiah(total)}</strong></p>`
            : html`<label>${t('inbox.description')}<textarea name="description" rows="3" required></textarea></label>
              <div class="row">
                <label>${t('catalog.category')}<input name="category" maxlength="60" /></label>
                <label>${t('order.budget')}<input name="budget" type="number" min="0" step="1000" /></label>
                <label>${t('newOrder.agreedPrice')}<input name="agreedPrice" type="number" min="0" step="1000" /></label>
                <label>${t('order.deadline')}<input name="deadline" type="date" /></label>
              </div>`
        }
        <div class="row">
          <label>${t('order.method')}<select name="method">
            <option value="">—</option>
            ${(['pickup', 'delivery'] as const).map((method) => html`<option value=${method}>${label('fulfil', method)}</option>`)}
          </select></label>
          <label>${t('order.date')}<input name="date" type="date" /></label>
          <label>${t('order.time')}<input name="time" type="time" /></label>
          <label>${t('order.shipping')}<input name="shippingFee" type="number" min="0" step="1000" /></label>
        </div>
        <label>${t('order.address')}<textarea name="address" rows="2"></textarea></label>
        <div class="row">
          <label>${t('order.recipient')}<input name="recipientName" /></label>
          <label>${t('order.paymentMethod')}<select name="paymentMethod">
            <option value="">—</option>
            ${(['transfer', 'qris', 'cod', 'cash'] as const).map((method) => html`<option value=${method}>${label('method', method)}</option>`)}
          </select></label>
        </div>
        <label>${t('order.notes')}<textarea name="customerNotes" rows="2"></textarea></label>
        <div><button class="accent" type="submit" ?disabled=${this.busy}>${t('newOrder.submit')}</button>
          ${this.busy ? html`<span class="muted">${t('common.loading')}</span>` : nothing}</div>
      </form>`;
  }
}

customElements.define('new-order-page', NewOrderPage);
