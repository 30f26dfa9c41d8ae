import { html, nothing } from 'lit';
import { CONTACT_VIEWS } from '../../codes.js';
import { rupiah, t } from '../../i18n.js';
import { PageElement } from '../../page.js';

export interface ContactRow {
  id: string;
  name: string | null;
  pushName: string | null;
  nameConfirmed: boolean;
  phone: string | null;
  orders: number;
  totalSpent: number;
  lastOrderAt: string | null;
}
interface ContactPage {
  items: ContactRow[];
  total: number;
  page: number;
  pageSize: number;
}
type View = (typeof CONTACT_VIEWS)[number];

/**
 * `<contacts-page>`: opens on the last two days' buyers; also the names-to-confirm queue and everyone,
 * searched by name or phone in any form. Properties: `session`, `locale`.
 */
export class ContactsPage extends PageElement {
  static override properties = {
    data: { state: true },
    view: { state: true },
    q: { state: true },
    page: { state: true },
  };

  declare private data: ContactPage | null;
  declare private view: View;
  declare private q: string;
  declare private page: number;

  constructor() {
    super();
    this.data = null;
    this.view = 'recent';
    this.q = '';
    this.page = 1;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  private load(): void {
    this.unwatch();
    const query = new URLSearchParams({
      view: this.view,
      page: String(this.page),
      ...(this.q && { q: this.q }),
    });
    this.watch<ContactPage>(`/api/contacts?${query}`, (data) => {
      this.data = data;
    });
  }

  private show(view: View): void {
    this.view = view;
    this.page = 1;
    this.load();
  }

  override render() {
    const data = this.data;
    return html`<h1>${t('nav.contacts')}</h1>
      ${this.status()}
      <div class="spread">
        <div class="chips">
          ${CONTACT_VIEWS.map(
            (view) =>
              html`<button aria-pressed=${this.view === view} @click=${() => this.show(view)}>${t(`contacts.${view}`)}</button>`,
          )}
        </div>
        <form class="row" @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          this.q = String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim();
          this.view = 'all';
          this.page = 1;
          this.load();
        }}>
          <input name="q" type="search" .value=${this.q} placeholder=${t('contacts.search')} aria-label=${t('contacts.search')} />
          <button class="primary" type="submit">${t('common.search')}</button>
          ${this.exportLink('contacts', { view: this.view, q: this.q })}
        </form>
      </div>
      ${
        !data
          ? html`<p class="muted">${t('common.loading')}</p>`
          : html`<div class="table-wrap"><table>
                <thead><tr>
                  <th>${t('contacts.name')}</th><th>${t('contacts.phone')}</th><th class="num">${t('contacts.orders')}</th>
                  <th class="num">${t('contacts.spent')}</th><th>${t('contacts.lastOrder')}</th>
                </tr></thead>
                <tbody>
                  ${data.items.map(
                    (contact) => html`<tr>
                      <td><a href="/contacts/${contact.id}">${contact.name ?? contact.pushName ?? '—'}</a>
                        ${contact.nameConfirmed ? nothing : html`<span class="badge pending">${t('contacts.unconfirmed')}</span>`}</td>
                      <td>${contact.phone ?? '—'}</td>
                      <td class="num">${contact.orders}</td>
                      <td class="num">${rupiah(contact.totalSpent)}</td>
                      <td>${this.when(contact.lastOrderAt)}</td>
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

customElements.define('contacts-page', ContactsPage);
