import { css, html, nothing } from 'lit';
import { post } from '../../api.js';
import { LEAD_STAGES, type LeadStage } from '../../codes.js';
import { label, rupiah, t } from '../../i18n.js';
import { PageElement } from '../../page.js';
import { theme } from '../../theme.js';

interface LeadCard {
  id: string;
  stage: LeadStage;
  customer: string | null;
  phone: string | null;
  channel: string;
  interest: string | null;
  estimatedValue: number | null;
  nextAction: { text: string; dueAt: string } | null;
  updatedAt: string;
}
interface Board {
  stages: { stage: LeadStage; leads: LeadCard[] }[];
}
interface LeadList {
  items: (LeadCard & { customFields?: Record<string, string | number> })[];
  /** The shop's extra lead fields, one column each. */
  fields: { key: string; label: string }[];
  total: number;
  page: number;
  pageSize: number;
}
type State = 'open' | 'closed' | 'all';

/**
 * `<leads-page>`: the pipeline board, or the list of leads by state with pages. A card is dragged to
 * another stage (or moved with its menu, for keyboards and touch); losing a lead asks why.
 * Properties: `session`, `locale`. Refreshes by polling.
 */
export class LeadsPage extends PageElement {
  static override properties = {
    board: { state: true },
    over: { state: true },
    list: { state: true },
    view: { state: true },
    state: { state: true },
    page: { state: true },
  };
  static override styles = [
    theme,
    css`
      .board { display: grid; grid-template-columns: repeat(6, minmax(13rem, 1fr)); gap: 0.75rem; overflow-x: auto; padding-bottom: 1rem; }
      .column { background: #e9edf2; border-radius: 10px; padding: 0.5rem; min-height: 12rem; }
      .column.over { outline: 3px dashed var(--yellow); }
      .column h2 { font-size: 0.95rem; margin: 0.25rem 0.25rem 0.5rem; display: flex; justify-content: space-between; }
      .lead { background: var(--paper); border-radius: 8px; padding: 0.55rem; margin-bottom: 0.5rem; border-left: 4px solid var(--navy); cursor: grab; box-shadow: 0 1px 2px rgb(0 0 0 / 0.08); }
      .lead select { font-size: 0.8rem; padding: 0.15rem; margin-top: 0.35rem; }
      .lead small { display: block; color: var(--muted); }
    `,
  ];

  declare private board: Board | null;
  declare private over: LeadStage | null;
  declare private list: LeadList | null;
  declare private view: 'board' | 'list';
  declare private state: State;
  declare private page: number;

  constructor() {
    super();
    this.board = null;
    this.over = null;
    this.list = null;
    this.view = 'board';
    this.state = 'open';
    this.page = 1;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  private load(): void {
    this.unwatch();
    if (this.view === 'board') {
      this.watch<Board>('/api/leads/board', (board) => {
        this.board = board;
      });
    } else {
      this.watch<LeadList>(`/api/leads?state=${this.state}&page=${this.page}`, (list) => {
        this.list = list;
      });
    }
  }

  private show(changes: { view?: 'board' | 'list'; state?: State; page?: number }): void {
    this.view = changes.view ?? this.view;
    this.state = changes.state ?? this.state;
    this.page = changes.page ?? 1;
    this.load();
  }

  private async move(id: string, to: LeadStage): Promise<void> {
    const from = this.board?.stages.find((column) => column.leads.some((lead) => lead.id === id));
    if (!this.board || !from || from.stage === to) return;
    let reason: string | undefined;
    if (to === 'lost') {
      reason = prompt(t('leads.lostReason'))?.trim();
      if (!reason) return;
    }
    const moved = await this.act(
      () => post(`/api/leads/${id}/stage`, { to, ...(reason && { reason }) }),
      t('leads.moved', { stage: label('stage', to) }),
    );
    if (moved) {
      // Show the move at once; the next poll brings the server's order.
      const card = from.leads.find((lead) => lead.id === id);
      this.board = {
        stages: this.board.stages.map((column) => ({
          stage: column.stage,
          leads:
            column.stage === to && card
              ? [{ ...card, stage: to }, ...column.leads]
              : column.leads.filter((lead) => lead.id !== id),
        })),
      };
    }
  }

  private drop(event: DragEvent, to: LeadStage): void {
    event.preventDefault();
    this.over = null;
    const id = event.dataTransfer?.getData('text/plain');
    if (id) void this.move(id, to);
  }

  override render() {
    return html`<h1>${t('nav.leads')}</h1>
      <div class="chips">
        ${(['board', 'list'] as const).map(
          (view) =>
            html`<button aria-pressed=${this.view === view} @click=${() => this.show({ view })}>${t(`leads.${view}`)}</button>`,
        )}
      </div>
      ${this.status()}
      ${this.view === 'list' ? this.table() : this.columns()}`;
  }

  private table() {
    const list = this.list;
    return html`<div class="chips">
        ${this.exportLink('leads', { state: this.state })}
        ${(['open', 'closed', 'all'] as const).map(
          (state) =>
            html`<button aria-pressed=${this.state === state} @click=${() => this.show({ state })}>${t(`leads.state.${state}`)}</button>`,
        )}
      </div>
      ${
        !list
          ? html`<p class="muted">${t('common.loading')}</p>`
          : html`<div class="table-wrap"><table>
              <thead><tr><th>${t('orders.customer')}</th><th>${t('leads.stage')}</th><th>${t('leads.channel')}</th>
                <th>${t('leads.interest')}</th><th class="num">${t('leads.estimatedValue')}</th><th>${t('leads.nextAction')}</th>${list.fields.map((field) => html`<th>${field.label}</th>`)}<th>${t('leads.updated')}</th></tr></thead>
              <tbody>
                ${list.items.map(
                  (lead) => html`<tr>
                    <td><a href="/leads/${lead.id}">${lead.customer ?? lead.phone ?? '—'}</a></td>
                    <td><span class="badge ${lead.stage}">${label('stage', lead.stage)}</span></td>
                    <td>${lead.channel}</td><td>${lead.interest ?? '—'}</td>
                    <td class="num">${lead.estimatedValue === null ? '—' : rupiah(lead.estimatedValue)}</td>
                    <td>${lead.nextAction ? html`${lead.nextAction.text} <span class="muted">${this.when(lead.nextAction.dueAt)}</span>` : '—'}</td>
                    ${list.fields.map((field) => html`<td>${lead.customFields?.[field.key] ?? '—'}</td>`)}
                    <td>${this.when(lead.updatedAt)}</td>
                  </tr>`,
                )}
                ${list.items.length === 0 ? html`<tr><td colspan=${7 + list.fields.length} class="muted">${t('common.none')}</td></tr>` : nothing}
              </tbody>
            </table></div>
            ${this.pager(list, (page) => this.show({ page }))}`
      }`;
  }

  private columns() {
    return html`<p class="muted">${t('leads.moveHint')}</p>
      ${
        !this.board
          ? html`<p class="muted">${t('common.loading')}</p>`
          : html`<div class="board">
              ${this.board.stages.map(
                (column) => html`<section
                  class="column ${this.over === column.stage ? 'over' : ''}"
                  data-stage=${column.stage}
                  @dragover=${(event: DragEvent) => {
                    event.preventDefault();
                    this.over = column.stage;
                  }}
                  @dragleave=${() => {
                    this.over = null;
                  }}
                  @drop=${(event: DragEvent) => this.drop(event, column.stage)}
                >
                  <h2><span>${label('stage', column.stage)}</span><span class="muted">${column.leads.length}</span></h2>
                  ${column.leads.map((lead) => this.card(lead))}
                </section>`,
              )}
            </div>`
      }`;
  }

  private card(lead: LeadCard) {
    return html`<article
      class="lead"
      draggable="true"
      data-lead=${lead.id}
      @dragstart=${(event: DragEvent) => event.dataTransfer?.setData('text/plain', lead.id)}
    >
      <strong><a href="/leads/${lead.id}">${lead.customer ?? lead.phone ?? '—'}</a></strong>
      ${lead.interest ? html`<div>${lead.interest}</div>` : nothing}
      <small>${lead.channel}${lead.estimatedValue ? ` · ${t('leads.value', { value: rupiah(lead.estimatedValue) })}` : ''}</small>
      ${lead.nextAction ? html`<small>${t('leads.next', { text: lead.nextAction.text })} · ${this.when(lead.nextAction.dueAt)}</small>` : nothing}
      <select
        aria-label=${label('stage', lead.stage)}
        @change=${(event: Event) => void this.move(lead.id, (event.target as HTMLSelectElement).value as LeadStage)}
      >
        ${LEAD_STAGES.map((stage) => html`<option value=${stage} ?selected=${stage === lead.stage}>${label('stage', stage)}</option>`)}
      </select>
    </article>`;
  }
}

customElements.define('leads-page', LeadsPage);
