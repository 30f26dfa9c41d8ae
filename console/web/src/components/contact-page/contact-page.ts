import { html, nothing } from 'lit';
import { get, post } from '../../api.js';
import { label, rupiah, t } from '../../i18n.js';
import { PageElement, type ThreadMessage } from '../../page.js';
import type { ContactRow } from '../contacts-page/contacts-page.js';

interface Overview {
  contact: ContactRow;
  orders: { number: string; status: string; total: number; paymentStatus: string; createdAt: string }[];
  topProducts: { sku: string; name: string; qty: number }[];
  messages: ThreadMessage[];
}

/**
 * `<contact-page>`: one customer seen from every side: figures, orders, favourite products and the
 * chat; staff confirm the real name here. Properties: `session`, `locale`, `contactId`.
 */
export class ContactPage extends PageElement {
  static override properties = { contactId: {}, data: { state: true } };

  declare contactId: string;
  declare private data: Overview | null;

  constructor() {
    super();
    this.data = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.watch<Overview>(`/api/contacts/${this.contactId}`, (data) => {
      this.data = data;
    });
  }

  private async confirmName(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const name = String(new FormData(event.target as HTMLFormElement).get('name') ?? '');
    const done = await this.act(() => post(`/api/contacts/${this.contactId}/confirm-name`, { name }));
    if (done) this.data = await get<Overview>(`/api/contacts/${this.contactId}`);
  }

  override render() {
    const data = this.data;
    if (!data)
      return html`<a href="/contacts">${t('contacts.back')}</a>${this.status()}<p class="muted">${t('common.loading')}</p>`;
    const { contact } = data;
    return html`<a href="/contacts">${t('contacts.back')}</a>
      <h1>${contact.name ?? contact.pushName ?? contact.phone ?? '—'}</h1>
      ${this.status()}
      <div class="grid">
        <div class="card"><div class="muted">${t('contacts.phone')}</div><strong>${contact.phone ?? '—'}</strong></div>
        <div class="card"><div class="muted">${t('contacts.orders')}</div><strong>${contact.orders}</strong></div>
        <div class="card"><div class="muted">${t('contacts.spent')}</div><strong>${rupiah(contact.totalSpent)}</strong></div>
        <div class="card"><div class="muted">${t('contacts.lastOrder')}</div><strong>${this.when(contact.lastOrderAt)}</strong></div>
      </div>
      <form class="toolbar card" style="margin-top:1rem" @submit=${this.confirmName}>
        <label>${t('contacts.confirmName')}
          <input name="name" required maxlength="120" .value=${contact.name ?? contact.pushName ?? ''} />
        </label>
        <button class="primary" type="submit">${t('common.save')}</button>
        ${contact.nameConfirmed ? html`<span class="badge completed">✓</span>` : html`<span class="badge pending">${t('contacts.unconfirmed')}</span>`}
      </form>
      <h2>${t('nav.orders')}</h2>
      <div class="table-wrap"><table>
        <tbody>
          ${data.orders.map(
            (order) => html`<tr>
              <td><a href="/orders/${encodeURIComponent(order.number)}">${order.number}</a></td>
              <td><span class="badge ${order.status}">${label('status', order.status)}</span></td>
              <td class="num">${rupiah(order.total)}</td>
              <td><span class="badge ${order.paymentStatus}">${label('payment', order.paymentStatus)}</span></td>
              <td>${this.when(order.createdAt)}</td>
            </tr>`,
          )}
          ${data.orders.length === 0 ? html`<tr><td class="muted">${t('common.none')}</td></tr>` : nothing}
        </tbody>
      </table></div>
      <h2>${t('contacts.topProducts')}</h2>
      <ul>${data.topProducts.map((product) => html`<li>${product.name} × ${product.qty}</li>`)}</ul>
      <h2>${t('order.thread')}</h2>
      ${this.thread(data.messages)}`;
  }
}

customElements.define('contact-page', ContactPage);
