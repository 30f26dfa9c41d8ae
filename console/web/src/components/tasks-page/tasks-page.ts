import { css, html, nothing } from 'lit';
import { post } from '../../api.js';
import { type MessageKey, t } from '../../i18n.js';
import { PageElement } from '../../page.js';
import { theme } from '../../theme.js';
import { addDays, localDay, weekdayOf, zonedIso } from '../../time.js';

interface Task {
  number: number;
  text: string;
  dueAt: string;
  status: 'open' | 'done' | 'cancelled';
  assigneeId: string | null;
  link: { kind: string; id: string; label: string } | null;
}

type View = 'list' | 'month' | 'week';
const WEEKDAYS: MessageKey[] = ['day.mon', 'day.tue', 'day.wed', 'day.thu', 'day.fri', 'day.sat', 'day.sun'];

/**
 * `<tasks-page>`: open tasks as a list or on a month / week calendar in the shop's days; add a task,
 * mark one done or cancel it. Properties: `session`, `locale`. Refreshes by polling.
 */
export class TasksPage extends PageElement {
  static override properties = {
    tasks: { state: true },
    view: { state: true },
    mine: { state: true },
    anchor: { state: true },
  };
  static override styles = [
    theme,
    css`
      .calendar { display: grid; grid-template-columns: repeat(7, minmax(0, 1fr)); gap: 2px; background: var(--line); border: 1px solid var(--line); }
      .calendar > div { background: var(--paper); min-height: 6rem; padding: 0.3rem; font-size: 0.85rem; }
      .calendar .head { min-height: auto; font-weight: 600; background: var(--wash); }
      .calendar .other { background: #f8f9fb; color: var(--muted); }
      .calendar .today { outline: 2px solid var(--yellow); outline-offset: -2px; }
      .calendar .task { background: #e8eef7; border-radius: 4px; padding: 0.1rem 0.3rem; margin-top: 0.2rem; }
      .overdue { color: var(--danger); }
    `,
  ];

  declare private tasks: Task[] | null;
  declare private view: View;
  declare private mine: boolean;
  /** A day of the month or week on show, YYYY-MM-DD. */
  declare private anchor: string;

  constructor() {
    super();
    this.tasks = null;
    this.view = 'list';
    this.mine = false;
    this.anchor = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.anchor = localDay(new Date(), this.session.shop.timeZone);
    this.load();
  }

  private load(): void {
    this.unwatch();
    this.watch<{ tasks: Task[] }>(`/api/tasks${this.mine ? '?mine=true' : ''}`, (data) => {
      this.tasks = data.tasks;
    });
  }

  private async close(task: Task, action: 'done' | 'cancel'): Promise<void> {
    if (await this.act(() => post(`/api/tasks/${task.number}/${action}`))) {
      this.tasks = (this.tasks ?? []).filter((other) => other.number !== task.number);
    }
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const dueAt = zonedIso(String(form.get('dueAt')), this.session.shop.timeZone);
    const created = await this.act(() =>
      post<{ task: Task }>('/api/tasks', { text: String(form.get('text') ?? ''), dueAt }),
    );
    if (created) {
      formElement.reset();
      this.load();
    }
  }

  override render() {
    const zone = this.session.shop.timeZone;
    const today = localDay(new Date(), zone);
    return html`<h1>${t('nav.tasks')}</h1>
      ${this.status()}
      <div class="spread">
        <div class="chips">
          ${(['list', 'month', 'week'] as const).map(
            (view) =>
              html`<button aria-pressed=${this.view === view} @click=${() => {
                this.view = view;
              }}>${t(view === 'list' ? 'tasks.list' : view === 'month' ? 'tasks.month' : 'tasks.week')}</button>`,
          )}
        </div>
        ${this.exportLink('tasks', { mine: this.mine ? 'true' : undefined })}
        <label class="row"><input type="checkbox" .checked=${this.mine} @change=${(event: Event) => {
          this.mine = (event.target as HTMLInputElement).checked;
          this.load();
        }} />${t('tasks.mine')}</label>
      </div>
      <form class="toolbar card" @submit=${this.create}>
        <label>${t('tasks.new')}<input name="text" required maxlength="500" size="40" /></label>
        <label>${t('tasks.due')}<input name="dueAt" type="datetime-local" required /></label>
        <button class="primary" type="submit">${t('common.add')}</button>
      </form>
      ${!this.tasks ? html`<p class="muted">${t('common.loading')}</p>` : this.view === 'list' ? this.list(this.tasks, today) : this.calendar(this.tasks, today)}`;
  }

  private list(tasks: Task[], today: string) {
    return html`<div class="table-wrap"><table>
      <thead><tr><th>#</th><th>${t('tasks.text')}</th><th>${t('tasks.due')}</th><th></th></tr></thead>
      <tbody>
        ${tasks.map((task) => {
          const late = localDay(new Date(task.dueAt), this.session.shop.timeZone) < today;
          return html`<tr data-task=${task.number}>
            <td>${task.number}</td>
            <td>${task.text}${task.link ? html` <span class="muted">· ${task.link.label}</span>` : nothing}</td>
            <td class=${late ? 'overdue' : ''}>${this.when(task.dueAt)}${late ? ` · ${t('tasks.overdue')}` : ''}</td>
            <td class="row">
              <button class="primary" @click=${() => this.close(task, 'done')}>${t('tasks.done')}</button>
              <button @click=${() => this.close(task, 'cancel')}>${t('tasks.cancel')}</button>
            </td>
          </tr>`;
        })}
        ${tasks.length === 0 ? html`<tr><td colspan="4" class="muted">${t('common.none')}</td></tr>` : nothing}
      </tbody>
    </table></div>`;
  }

  /** A month (whole weeks, Monday first) or one week of the shop's days, tasks on their local day. */
  private calendar(tasks: Task[], today: string) {
    const zone = this.session.shop.timeZone;
    const month = this.anchor.slice(0, 7);
    const first = this.view === 'month' ? `${month}-01` : this.anchor;
    const start = addDays(first, -weekdayOf(first));
    const last = this.view === 'month' ? addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1) : first;
    const count =
      this.view === 'month'
        ? Math.round((Date.parse(last) - Date.parse(start)) / 86_400_000) + 7 - weekdayOf(last)
        : 7;
    const days = Array.from({ length: count }, (_, index) => addDays(start, index));
    const byDay = new Map<string, Task[]>();
    for (const task of tasks) {
      const day = localDay(new Date(task.dueAt), zone);
      byDay.set(day, [...(byDay.get(day) ?? []), task]);
    }
    const step = this.view === 'month' ? 0 : 7;
    const shift = (direction: 1 | -1) => {
      if (step) this.anchor = addDays(this.anchor, direction * step);
      else {
        const date = new Date(`${month}-01T00:00:00Z`);
        date.setUTCMonth(date.getUTCMonth() + direction);
        this.anchor = date.toISOString().slice(0, 10);
      }
    };
    return html`<div class="row" style="margin-bottom:0.5rem">
        <button @click=${() => shift(-1)}>←</button>
        <strong>${this.view === 'month' ? month : `${days[0]} – ${days[days.length - 1]}`}</strong>
        <button @click=${() => shift(1)}>→</button>
      </div>
      <div class="calendar">
        ${WEEKDAYS.map((key) => html`<div class="head">${t(key).slice(0, 3)}</div>`)}
        ${days.map(
          (
            day,
          ) => html`<div class="${day.startsWith(month) || this.view === 'week' ? '' : 'other'} ${day === today ? 'today' : ''}" data-day=${day}>
            ${Number(day.slice(8))}
            ${(byDay.get(day) ?? []).map((task) => html`<div class="task" title=${task.text}>${this.when(task.dueAt).split(' ').pop()} ${task.text}</div>`)}
          </div>`,
        )}
      </div>`;
  }
}

customElements.define('tasks-page', TasksPage);
