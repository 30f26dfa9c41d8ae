import { html, nothing } from 'lit';
import { api, get, post } from '../../api.js';
import { label, rupiah, t } from '../../i18n.js';
import { PageElement, type ThreadMessage } from '../../page.js';
import type { ContactRow } from '../contacts-page/contacts-page.js';

interface ChatPreview {
  messages: number;
  authors: { name: string; messages: number }[];
  first: string | null;
  last: string | null;
  new: number;
}

interface Overview {
  contact: ContactRow & {
    email: string | null;
    notes: string | null;
    tags: string[];
    optOut: boolean;
    mergedInto: string | null;
    /** The customer's personal data was erased; what is left is kept for the books. */
    erased: boolean;
    rfm: { r: number; f: number; m: number; segment: string; at: string } | null;
  };
  orders: { number: string; status: string; total: number; paymentStatus: string; createdAt: string }[];
  topProducts: { sku: string; name: string; qty: number }[];
  messages: ThreadMessage[];
}

/**
 * `<contact-page>`: one customer seen from every side: figures, orders, favourite products and the
 * chat; staff confirm the real name here, and the owner downloads or erases the customer's data.
 * Properties: `session`, `locale`, `contactId`.
 */
export class ContactPage extends PageElement {
  static override properties = {
    contactId: {},
    data: { state: true },
    candidates: { state: true },
    chatFile: { state: true },
    chatPreview: { state: true },
  };

  declare contactId: string;
  declare private data: Overview | null;
  /** Other contacts found to merge into this one. */
  declare private candidates: ContactRow[] | null;
  /** A WhatsApp chat export chosen for import, and what reading it found. */
  declare private chatFile: File | null;
  declare private chatPreview: ChatPreview | null;

  constructor() {
    super();
    this.data = null;
    this.candidates = null;
    this.chatFile = null;
    this.chatPreview = null;
  }

  private chatImport(query: string): Promise<ChatPreview & { inserted: number; skipped: number }> {
    const form = new FormData();
    if (this.chatFile) form.set('file', this.chatFile);
    return api('POST', `${this.url}/chat-import?${query}`, form);
  }

  private async readChat(): Promise<void> {
    await this.act(async () => {
      this.chatPreview = await this.chatImport('dryRun=true');
    }, '');
  }

  private async importChat(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const shopAuthor = String(new FormData(event.target as HTMLFormElement).get('shopAuthor') ?? '');
    let done = { inserted: 0, skipped: 0 };
    const imported = await this.act(async () => {
      done = await this.chatImport(new URLSearchParams({ dryRun: 'false', shopAuthor }).toString());
    });
    if (imported) {
      this.notice = t('chatImport.done', done);
      this.chatPreview = null;
      this.data = await get<Overview>(this.url);
    }
  }

  private get url(): string {
    return `/api/contacts/${this.contactId}`;
  }

  private async edit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    const patch = {
      phone: field('phone') || null,
      email: field('email') || null,
      notes: field('notes') || null,
      tags: field('tags')
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
      optOut: form.get('optOut') === 'on',
    };
    if (await this.act(() => api('PATCH', this.url, patch))) this.data = await get<Overview>(this.url);
  }

  private async findCandidates(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const q = String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim();
    if (!q) return;
    const found = await get<{ items: ContactRow[] }>(`/api/contacts?view=all&q=${encodeURIComponent(q)}`);
    this.candidates = found.items.filter((candidate) => candidate.id !== this.contactId);
  }

  private async merge(other: ContactRow): Promise<void> {
    const name = other.name ?? other.pushName ?? other.phone ?? other.id;
    if (!confirm(t('contacts.mergeConfirm', { name }))) return;
    const done = await this.act(
      () => post(`${this.url}/merge`, { from: other.id }),
      t('contacts.merged', { name }),
    );
    if (done) {
      this.candidates = null;
      this.data = await get<Overview>(this.url);
    }
  }

  /** Erase the customer's personal data (owner only); the typed confirmation goes to the server as it is. */
  private async erase(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const confirm = String(new FormData(event.target as HTMLFormElement).get('confirm') ?? '');
    let counts = { messages: 0, files: 0, orders: 0 };
    const done = await this.act(async () => {
      ({ counts } = await post<{ counts: typeof counts }>(`${this.url}/erase`, { confirm }));
    });
    if (done) {
      this.notice = t('privacy.erased', counts);
      this.data = await get<Overview>(this.url);
    }
  }

  /** Customer rights, for the owner: download everything stored about the customer, or erase it. */
  private privacyCard(contact: Overview['contact']) {
    if (this.userRole !== 'owner' || contact.mergedInto) return nothing;
    return html`<details class="card" style="margin-top:1rem" data-privacy>
      <summary>${t('privacy.title')}</summary>
      <p class="muted">${t('privacy.hint')}</p>
      <a class="button" href="${this.url}/export.zip" download>${t('privacy.download')}</a>
      ${
        contact.erased
          ? nothing
          : html`<form class="stack" style="margin-top:0.75rem" @submit=${this.erase}>
              <strong>${t('privacy.erase')}</strong>
              <p class="muted">${t('privacy.eraseHint')}</p>
              <label>${t('privacy.confirm')}<input name="confirm" required maxlength="200" autocomplete="off" /></label>
              <button class="danger" type="submit">${t('privacy.erase')}</button>
            </form>`
      }
    </details>`;
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
        <div class="card" data-segment><div class="muted">${t('contacts.segment')}</div>
          ${
            contact.rfm
              ? html`<strong>${contact.rfm.segment}</strong>
                  <div class="muted">R${contact.rfm.r} F${contact.rfm.f} M${contact.rfm.m} · ${this.day(contact.rfm.at)}</div>`
              : html`<span class="muted">${t('contacts.noSegment')}</span>`
          }
        </div>
      </div>
      ${
        // An erased customer keeps no name, number or details to confirm or edit.
        contact.erased
          ? nothing
          : html`<form class="toolbar card" style="margin-top:1rem" @submit=${this.confirmName}>
        <label>${t('contacts.confirmName')}
          <input name="name" required maxlength="120" .value=${contact.name ?? contact.pushName ?? ''} />
        </label>
        <button class="primary" type="submit">${t('common.save')}</button>
        ${contact.nameConfirmed ? html`<span class="badge completed">✓</span>` : html`<span class="badge pending">${t('contacts.unconfirmed')}</span>`}
      </form>`
      }
      ${contact.mergedInto ? html`<p class="card">${t('contacts.mergedInto')} <a href="/contacts/${contact.mergedInto}">→</a></p>` : nothing}
      ${contact.erased ? html`<p class="card" data-erased>${t('privacy.isErased')}</p>` : nothing}
      ${
        contact.erased
          ? nothing
          : html`<details class="card" style="margin-top:1rem">
        <summary>${t('contacts.edit')}</summary>
        <form class="stack" style="margin-top:0.75rem" @submit=${this.edit}>
          <label>${t('contacts.phone')}<input name="phone" .value=${contact.phone ?? ''} /></label>
          <label>Email<input name="email" type="email" .value=${contact.email ?? ''} /></label>
          <label>${t('contacts.tags')}<input name="tags" .value=${contact.tags.join(', ')} /></label>
          <label>${t('contacts.notes')}<textarea name="notes" rows="3" .value=${contact.notes ?? ''}></textarea></label>
          <label class="row"><input name="optOut" type="checkbox" .checked=${contact.optOut} />${t('contacts.optOut')}</label>
          <button class="primary" type="submit">${t('common.save')}</button>
        </form>
      </details>`
      }
      ${
        this.userRole === 'admin' || contact.erased
          ? nothing
          : html`<details class="card" style="margin-top:1rem">
              <summary>${t('contacts.merge')}</summary>
              <p class="muted">${t('contacts.mergeHint')}</p>
              <form class="row" @submit=${this.findCandidates}>
                <input name="q" type="search" placeholder=${t('contacts.search')} aria-label=${t('contacts.mergeSearch')} />
                <button type="submit">${t('common.search')}</button>
              </form>
              ${
                this.candidates === null
                  ? nothing
                  : this.candidates.length === 0
                    ? html`<p class="muted">${t('common.none')}</p>`
                    : html`<ul>${this.candidates.map(
                        (other) => html`<li class="row" style="margin-top:0.4rem">
                          ${other.name ?? other.pushName ?? '—'} · ${other.phone ?? '—'} · ${t('contacts.orders')}: ${other.orders}
                          <button class="danger" @click=${() => this.merge(other)}>${t('contacts.mergeInto')}</button>
                        </li>`,
                      )}</ul>`
              }
            </details>`
      }
      ${this.userRole === 'admin' || contact.erased ? nothing : this.chatImportCard()}
      ${this.privacyCard(contact)}
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

  private chatImportCard() {
    const preview = this.chatPreview;
    return html`<details class="card" style="margin-top:1rem" data-chat-import>
      <summary>${t('chatImport.title')}</summary>
      <p class="muted">${t('chatImport.hint')}</p>
      <div class="row">
        <input type="file" accept=".txt,.zip" aria-label=${t('chatImport.title')} @change=${(
          event: Event,
        ) => {
          this.chatFile = (event.target as HTMLInputElement).files?.[0] ?? null;
          this.chatPreview = null;
        }} />
        <button ?disabled=${!this.chatFile} @click=${this.readChat}>${t('chatImport.preview')}</button>
      </div>
      ${
        preview
          ? html`<p>${t('chatImport.summary', { messages: preview.messages, first: this.when(preview.first), last: this.when(preview.last), new: preview.new })}</p>
              <form class="row" @submit=${this.importChat}>
                <label>${t('chatImport.shopAuthor')}<select name="shopAuthor">
                  ${preview.authors.map((author) => html`<option value=${author.name}>${author.name} (${author.messages})</option>`)}
                </select></label>
                <button class="primary" type="submit">${t('chatImport.start')}</button>
              </form>`
          : nothing
      }
    </details>`;
  }
}

customElements.define('contact-page', ContactPage);
