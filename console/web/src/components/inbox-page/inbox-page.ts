import { css, html, nothing } from 'lit';
import { post } from '../../api.js';
import { label, t } from '../../i18n.js';
import { PageElement } from '../../page.js';
import { theme } from '../../theme.js';
import { zonedIso } from '../../time.js';
import '../reply-box/reply-box.js';

interface InboxItem {
  waId: string;
  chatId: string;
  contact: { id: string; name: string | null; phone: string | null } | null;
  body: string;
  type: string;
  sentAt: string;
  reason: 'unclear' | 'handover' | 'paused' | 'failed';
  flaggedAt: string;
}
type Action = 'order' | 'lead' | 'task' | 'reply';
interface ChatList {
  items: {
    chatId: string;
    contact: { id: string; name: string | null; phone: string | null } | null;
    unread: number;
    lastMessageAt: string | null;
    lastMessage: { body: string; direction: 'in' | 'out'; author: string; sentAt: string } | null;
  }[];
  total: number;
  page: number;
  pageSize: number;
  totalUnread: number;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/**
 * `<inbox-page>`: customer messages that need a person (the bot did not understand, the customer asked
 * for one, staff have the chat, or handling failed), newest first. Each becomes a custom order, a lead,
 * a task or a reply, or is closed; whoever acts first handles it. Properties: `session`, `locale`.
 */
export class InboxPage extends PageElement {
  static override properties = {
    items: { state: true },
    open: { state: true },
    tab: { state: true },
    chats: { state: true },
    unreadOnly: { state: true },
    page: { state: true },
  };
  static override styles = [
    theme,
    css`
      .item { margin-bottom: 0.75rem; }
      .body { white-space: pre-wrap; margin: 0.4rem 0; }
      .badge.unclear, .badge.failed { background: #fbe9e7; border-color: #f1c4bf; }
      .badge.handover, .badge.paused { background: #fff6cc; border-color: #f3dc6b; }
      form.action { display: grid; gap: 0.5rem; margin-top: 0.5rem; max-width: 40rem; }
    `,
  ];

  declare private items: InboxItem[] | null;
  /** The item and action whose form is open. */
  declare private open: { waId: string; action: Action } | null;
  declare private tab: 'chats' | 'attention';
  declare private chats: ChatList | null;
  declare private unreadOnly: boolean;
  declare private page: number;

  constructor() {
    super();
    this.items = null;
    this.open = null;
    this.tab = 'chats';
    this.chats = null;
    this.unreadOnly = false;
    this.page = 1;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  /** Both lists poll: the tab counts stay current whichever is open. */
  private load(): void {
    this.unwatch();
    this.watch<{ items: InboxItem[] }>('/api/inbox', (data) => {
      this.items = data.items;
    });
    const query = new URLSearchParams({ unread: String(this.unreadOnly), page: String(this.page) });
    this.watch<ChatList>(`/api/chats?${query}`, (data) => {
      this.chats = data;
    });
  }

  private url(item: InboxItem, action: Action | 'done'): string {
    return `/api/inbox/${encodeURIComponent(item.waId)}/${action}`;
  }

  private async perform(
    item: InboxItem,
    action: Action | 'done',
    body: Record<string, unknown>,
  ): Promise<void> {
    if (await this.act(() => post(this.url(item, action), body), t(`inbox.done.${action}`))) {
      this.items = (this.items ?? []).filter(
        (other) => other.waId !== item.waId && (action !== 'reply' || other.chatId !== item.chatId),
      );
      this.open = null;
    }
  }

  private submit(event: SubmitEvent, item: InboxItem, action: Action): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    if (action === 'order') {
      const budget = text(form, 'budget');
      const deadline = text(form, 'deadline');
      void this.perform(item, 'order', {
        description: text(form, 'description'),
        ...(budget && { budget: Number(budget) }),
        ...(deadline && { deadline }),
      });
    } else if (action === 'lead') {
      const interest = text(form, 'interest');
      void this.perform(item, 'lead', interest ? { interest } : {});
    } else if (action === 'task') {
      void this.perform(item, 'task', {
        text: text(form, 'text'),
        dueAt: zonedIso(text(form, 'dueAt'), this.session.shop.timeZone),
      });
    }
  }

  override render() {
    return html`<h1>${t('nav.inbox')}</h1>
      <div class="chips" role="tablist">
        <button role="tab" aria-pressed=${this.tab === 'chats'} @click=${() => {
          this.tab = 'chats';
        }}>${t('inbox.tab.chats')}${this.chats?.totalUnread ? html` <span class="badge pending" data-unread-total>${this.chats.totalUnread}</span>` : nothing}</button>
        <button role="tab" aria-pressed=${this.tab === 'attention'} @click=${() => {
          this.tab = 'attention';
        }}>${t('inbox.tab.attention')}${this.items?.length ? html` <span class="badge cancelled">${this.items.length}</span>` : nothing}</button>
      </div>
      ${this.status()}
      ${this.tab === 'chats' ? this.chatList() : this.attention()}`;
  }

  private chatList() {
    const chats = this.chats;
    return html`<label class="row"><input type="checkbox" .checked=${this.unreadOnly} @change=${(
      event: Event,
    ) => {
      this.unreadOnly = (event.target as HTMLInputElement).checked;
      this.page = 1;
      this.load();
    }} />${t('inbox.unreadOnly')}</label>
      ${
        !chats
          ? html`<p class="muted">${t('common.loading')}</p>`
          : html`<div class="table-wrap"><table>
              <tbody>
                ${chats.items.map(
                  (chat) => html`<tr data-chat=${chat.chatId}>
                    <td><a href="/chats/${encodeURIComponent(chat.chatId)}"><strong>${chat.contact?.name ?? chat.contact?.phone ?? chat.chatId}</strong></a>
                      ${chat.unread > 0 ? html`<span class="badge pending" data-unread>${t('inbox.unread', { count: chat.unread })}</span>` : nothing}
                      <div class="muted">${chat.lastMessage?.body ?? ''}</div></td>
                    <td class="num">${this.when(chat.lastMessageAt)}</td>
                  </tr>`,
                )}
                ${chats.items.length === 0 ? html`<tr><td class="muted">${t('inbox.noChats')}</td></tr>` : nothing}
              </tbody>
            </table></div>
            ${this.pager(chats, (page) => {
              this.page = page;
              this.load();
            })}`
      }`;
  }

  private attention() {
    return html`<p class="muted">${t('inbox.intro')}</p>
      ${
        !this.items
          ? html`<p class="muted">${t('common.loading')}</p>`
          : this.items.length === 0
            ? html`<p class="card">${t('inbox.empty')}</p>`
            : this.items.map((item) => this.item(item))
      }`;
  }

  private item(item: InboxItem) {
    const who = item.contact?.name ?? item.contact?.phone ?? item.chatId;
    const open = this.open?.waId === item.waId ? this.open.action : null;
    const toggle = (action: Action) => () => {
      this.open = open === action ? null : { waId: item.waId, action };
    };
    return html`<article class="card item" data-inbox=${item.waId}>
      <div class="spread">
        <strong>${item.contact ? html`<a href="/contacts/${item.contact.id}">${who}</a>` : who}</strong>
        <span><span class="badge ${item.reason}">${label('inbox.reason', item.reason)}</span>
          <span class="muted">${this.when(item.sentAt)}</span></span>
      </div>
      <p class="body">${item.body || `[${item.type}]`}</p>
      <div class="row">
        <button @click=${toggle('reply')}>${t('inbox.reply')}</button>
        <button @click=${toggle('order')}>${t('inbox.order')}</button>
        <button @click=${toggle('lead')}>${t('inbox.lead')}</button>
        <button @click=${toggle('task')}>${t('inbox.task')}</button>
        <button @click=${() => this.perform(item, 'done', {})}>${t('inbox.close')}</button>
      </div>
      ${open ? this.form(item, open) : nothing}
    </article>`;
  }

  private form(item: InboxItem, action: Action) {
    const submit = (event: SubmitEvent) => this.submit(event, item, action);
    switch (action) {
      case 'order':
        return html`<form class="action" @submit=${submit}>
          <label>${t('inbox.description')}<textarea name="description" rows="3" required .value=${item.body}></textarea></label>
          <div class="row">
            <label>${t('order.budget')}<input name="budget" type="number" min="0" step="1000" /></label>
            <label>${t('order.deadline')}<input name="deadline" type="date" /></label>
          </div>
          <button class="primary" type="submit">${t('inbox.order')}</button>
        </form>`;
      case 'lead':
        return html`<form class="action" @submit=${submit}>
          <label>${t('leads.interest')}<input name="interest" maxlength="300" /></label>
          <button class="primary" type="submit">${t('inbox.lead')}</button>
        </form>`;
      case 'task':
        return html`<form class="action" @submit=${submit}>
          <label>${t('tasks.text')}<input name="text" required maxlength="500" .value=${t('inbox.followUp', { name: item.contact?.name ?? item.contact?.phone ?? '' })} /></label>
          <label>${t('tasks.due')}<input name="dueAt" type="datetime-local" required /></label>
          <button class="primary" type="submit">${t('inbox.task')}</button>
        </form>`;
      case 'reply':
        return html`<reply-box class="action" @pesanin-send=${(event: CustomEvent<string>) =>
          this.perform(item, 'reply', { text: event.detail, requestId: crypto.randomUUID() })}></reply-box>`;
    }
  }
}

customElements.define('inbox-page', InboxPage);
