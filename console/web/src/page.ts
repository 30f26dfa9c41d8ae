import { type CSSResultGroup, html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { ApiError, poll, post } from './api.js';
import type { ReplyBox } from './components/reply-box/reply-box.js';
import { date, dateTime, hasMessage, type Locale, label, t } from './i18n.js';
import { theme } from './theme.js';

export type Role = 'owner' | 'manager' | 'admin';

/** What GET/POST /api/session answer: who is signed in and the shop they work for. */
export interface Session {
  user: { id: string; name: string; login: string; role: Role };
  csrfToken: string;
  shop: { name: string; timeZone: string; locale: Locale };
}

/** An active staff member, as GET /api/staff lists them for pickers. */
export interface Colleague {
  id: string;
  name: string;
  role: Role;
}

/** A message of a chat as the API lists it. */
export interface ThreadMessage {
  direction: 'in' | 'out';
  author: string;
  body?: string;
  type?: string;
  sentAt: string;
  delivery?: string | null;
}

/** Goes to another page of the console without reloading (the shell listens). */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The text to show for a failed request: the server's details when it gave some. */
export function failureText(error: unknown): string {
  if (error instanceof ApiError) {
    // The shop's language for the refusals staff meet; the server's own words otherwise.
    const key = `error.${error.code}`;
    if (hasMessage(key)) return t(key, { details: error.details });
    if (/(^REQUEST|\.INVALID)/.test(error.code)) return t('error.invalid', { details: error.details });
    return t('common.error', { details: error.details });
  }
  return t('common.error', { details: error instanceof Error ? error.message : String(error) });
}

/**
 * What every page shares: the session and language given by the shell, polling that stops when the
 * page goes away, a one-line notice or error, and the shop's time zone for dates.
 * Properties: `session` (Session, set by the shell), `locale` (re-renders on a language switch).
 */
export class PageElement extends LitElement {
  static override properties: PropertyDeclarations = {
    session: { attribute: false },
    locale: {},
    notice: { state: true },
    failure: { state: true },
  };
  static override styles: CSSResultGroup = theme;

  declare session: Session;
  declare locale: Locale;
  declare protected notice: string;
  declare protected failure: string;
  private stops: (() => void)[] = [];

  constructor() {
    super();
    this.notice = '';
    this.failure = '';
  }

  /** Polls `url` for as long as the page is shown. */
  protected watch<T>(url: string, onData: (data: T) => void, everyMs?: number): void {
    this.stops.push(
      poll<T>(
        url,
        (data) => {
          this.failure = '';
          onData(data);
        },
        (error) => {
          this.failure = failureText(error);
        },
        everyMs,
      ),
    );
  }

  protected unwatch(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatch();
  }

  /** Runs a change, then shows `done` or the failure. Returns whether it worked. */
  protected async act(change: () => Promise<unknown>, done = t('common.saved')): Promise<boolean> {
    this.notice = '';
    this.failure = '';
    try {
      await change();
      this.notice = done;
      return true;
    } catch (error) {
      this.failure = failureText(error);
      return false;
    }
  }

  /**
   * Sends what a `<reply-box>` holds to the customer through `url` (a reply route), once per request id,
   * then empties the box and says until when the bot stays quiet in that chat. Returns whether it went.
   */
  protected async sendReply(event: CustomEvent<string>, url: string): Promise<boolean> {
    const box = event.target as ReplyBox;
    box.busy = true;
    let until = '';
    const sent = await this.act(async () => {
      until = (await post<{ botPausedUntil: string }>(url, { text: event.detail, requestId: this.replyId }))
        .botPausedUntil;
    });
    box.busy = false;
    if (!sent) return false;
    this.replyId = crypto.randomUUID();
    box.clear();
    this.notice = t('order.replyQueued', { until: this.when(until) });
    return true;
  }

  /** The id of the reply being written: sending it twice (a retry, a double click) sends it once. */
  private replyId = crypto.randomUUID();

  protected when(iso: string | null | undefined): string {
    return iso ? dateTime(iso, this.session.shop.timeZone) : '—';
  }

  protected day(iso: string | null | undefined): string {
    return iso ? date(iso, this.session.shop.timeZone) : '—';
  }

  protected get userRole(): Role {
    return this.session.user.role;
  }

  /** A chat as bubbles, the shop's side on the right. */
  protected thread(messages: readonly ThreadMessage[]) {
    return html`<div class="thread">
      ${messages.map(
        (
          message,
        ) => html`<div class="bubble ${message.direction}">${message.body ?? `[${message.type ?? '…'}]`}
          <small>${label('author', message.author)} · ${this.when(message.sentAt)}${message.delivery ? ` · ${message.delivery}` : ''}</small>
        </div>`,
      )}
      ${messages.length === 0 ? html`<p class="muted">${t('common.none')}</p>` : nothing}
    </div>`;
  }

  /** The .xlsx download of a list with its filters, for the roles that may export (not admins, SPEC §7). */
  protected exportLink(name: string, filters: Record<string, string | undefined> = {}) {
    if (this.userRole === 'admin') return nothing;
    const query = new URLSearchParams({ lang: this.locale });
    for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
    return html`<a class="button" href="/api/exports/${name}.xlsx?${query}" download>${t('common.export')}</a>`;
  }

  /** Previous / next under a paged list. */
  protected pager(list: { page: number; total: number; pageSize: number }, go: (page: number) => void) {
    const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
    if (pages <= 1) return nothing;
    return html`<div class="row" style="margin-top:0.75rem">
      <button ?disabled=${list.page <= 1} @click=${() => go(list.page - 1)}>${t('common.previous')}</button>
      <span>${t('common.page', { page: list.page, pages })}</span>
      <button ?disabled=${list.page >= pages} @click=${() => go(list.page + 1)}>${t('common.next')}</button>
    </div>`;
  }

  /** The notice and failure lines under a page's heading. */
  protected status() {
    return html`${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}${
      this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing
    }`;
  }
}
