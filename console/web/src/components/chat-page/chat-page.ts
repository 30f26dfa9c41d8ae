import { html, nothing } from 'lit';
import { post } from '../../api.js';
import { t } from '../../i18n.js';
import { PageElement, type ThreadMessage } from '../../page.js';
import '../reply-box/reply-box.js';

interface Chat {
  chatId: string;
  contact: { id: string; name: string | null; phone: string | null } | null;
  messages: ThreadMessage[];
  pausedUntil: string | null;
}

/**
 * `<chat-page>`: one customer chat: the thread, a reply box with quick replies, and whether the bot is
 * quiet there. Opening it marks the chat read for everyone. Properties: `session`, `locale`, `chatId`.
 */
export class ChatPage extends PageElement {
  static override properties = { chatId: {}, data: { state: true } };

  declare chatId: string;
  declare private data: Chat | null;

  constructor() {
    super();
    this.data = null;
  }

  private get url(): string {
    return `/api/chats/${encodeURIComponent(this.chatId)}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.watch<Chat>(
      this.url,
      (data) => {
        this.data = data;
        // Seen: whatever arrived while the page is open counts as read too.
        void post(`${this.url}/read`).catch(() => undefined);
      },
      5_000,
    );
  }

  override render() {
    const data = this.data;
    const who = data?.contact?.name ?? data?.contact?.phone ?? this.chatId;
    return html`<a href="/inbox">${t('chat.back')}</a>
      <h1>${data?.contact ? html`<a href="/contacts/${data.contact.id}">${who}</a>` : who}</h1>
      ${this.status()}
      ${
        !data
          ? html`<p class="muted">${t('common.loading')}</p>`
          : html`${data.pausedUntil ? html`<p class="muted">${t('chat.paused', { until: this.when(data.pausedUntil) })}</p>` : nothing}
              <div class="card">
                ${this.thread(data.messages)}
                <reply-box style="margin-top:0.5rem" @pesanin-send=${(event: CustomEvent<string>) => this.sendReply(event, `${this.url}/reply`)}></reply-box>
              </div>`
      }`;
  }
}

customElements.define('chat-page', ChatPage);
