import { css, html, LitElement, nothing } from 'lit';
import { get } from '../../api.js';
import { t } from '../../i18n.js';
import { theme } from '../../theme.js';

interface QuickReply {
  shortcut: string;
  text: string;
}

/** The shop's quick replies, asked for whenever a reply box appears (they change in the settings). */
const loadQuickReplies = () =>
  get<{ quickReplies: QuickReply[] }>('/api/quick-replies')
    .then((answer) => answer.quickReplies)
    .catch(() => []);

/**
 * `<reply-box>`: the text box staff answer a customer with. Typing `/` lists the shop's quick replies;
 * picking one puts its `/shortcut` in the box (the server fills {nama}, {total}… for this customer when
 * it sends). Properties: `busy` (boolean, default false: disables sending).
 * Events: `pesanin-send` (detail: the text; the box empties when the parent calls `clear()`).
 */
export class ReplyBox extends LitElement {
  static override properties = { busy: { type: Boolean }, text: { state: true }, replies: { state: true } };
  static override styles = [
    theme,
    css`
      :host { display: block; position: relative; }
      ul { list-style: none; margin: 0; padding: 0.25rem; position: absolute; bottom: 100%; left: 0; right: 0; background: var(--paper);
        border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 4px 12px rgb(0 0 0 / 0.12); max-height: 14rem; overflow: auto; }
      li button { all: unset; display: block; width: 100%; box-sizing: border-box; padding: 0.35rem 0.5rem; cursor: pointer; border-radius: 6px; }
      li button:hover, li button:focus { background: var(--wash); }
      li small { display: block; color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    `,
  ];

  declare busy: boolean;
  declare private text: string;
  declare private replies: QuickReply[];

  constructor() {
    super();
    this.busy = false;
    this.text = '';
    this.replies = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadQuickReplies().then((replies) => {
      this.replies = replies;
    });
  }

  /** Empties the box after the parent sent the text. */
  clear(): void {
    this.text = '';
  }

  private get suggestions(): QuickReply[] {
    const typed = /^\/(\S*)$/.exec(this.text)?.[1];
    if (typed === undefined) return [];
    return this.replies.filter((reply) => reply.shortcut.startsWith(typed.toLowerCase()));
  }

  private pick(reply: QuickReply): void {
    this.text = `/${reply.shortcut}`;
    this.renderRoot.querySelector('textarea')?.focus();
  }

  private send(event: SubmitEvent): void {
    event.preventDefault();
    const text = this.text.trim();
    if (!text) return;
    this.dispatchEvent(
      new CustomEvent<string>('pesanin-send', { detail: text, bubbles: true, composed: true }),
    );
  }

  override render() {
    const matches = this.suggestions;
    return html`<form @submit=${this.send}>
      ${
        matches.length > 0
          ? html`<ul role="listbox" aria-label=${t('settings.quickReplies')}>
              ${matches.map(
                (reply) =>
                  html`<li><button type="button" role="option" @click=${() => this.pick(reply)}>/${reply.shortcut}<small>${reply.text}</small></button></li>`,
              )}
            </ul>`
          : nothing
      }
      <label>${t('order.reply')}<textarea name="text" rows="3" .value=${this.text} placeholder=${t('reply.placeholder')}
        @input=${(event: Event) => {
          this.text = (event.target as HTMLTextAreaElement).value;
        }}></textarea></label>
      <button class="primary" type="submit" ?disabled=${this.busy}>${t('order.send')}</button>
    </form>`;
  }
}

customElements.define('reply-box', ReplyBox);
