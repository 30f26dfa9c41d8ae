import { css } from 'lit';

/**
 * The console's look, shared by every component: a navy base with a bright yellow accent, readable
 * tables, plain forms. Colours are custom properties so one place changes them.
 */
export const theme = css`
  :host {
    --navy: #0b1f3a;
    --navy-2: #163257;
    --yellow: #ffd400;
    --ink: #14202e;
    --muted: #5b6b7f;
    --line: #dde3ea;
    --paper: #ffffff;
    --wash: #f4f6f9;
    --danger: #b3261e;
    --ok: #1e7b34;
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    color: var(--ink);
    font-size: 15px;
    line-height: 1.45;
  }
  h1 { font-size: 1.45rem; margin: 0 0 1rem; }
  h2 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
  a { color: var(--navy-2); }
  .card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 1rem; }
  .grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); }
  .row { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  .spread { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
  .muted { color: var(--muted); }
  .error { color: var(--danger); }
  .notice { color: var(--ok); }
  table { width: 100%; border-collapse: collapse; background: var(--paper); }
  th, td { text-align: left; padding: 0.55rem 0.65rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { background: var(--wash); font-weight: 600; font-size: 0.85rem; color: var(--muted); white-space: nowrap; }
  th button { all: unset; cursor: pointer; }
  tbody tr:hover { background: #fafbfd; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  button, .button {
    font: inherit; border: 1px solid var(--navy); background: var(--paper); color: var(--navy);
    border-radius: 6px; padding: 0.4rem 0.85rem; cursor: pointer; text-decoration: none;
  }
  button.primary, .button.primary { background: var(--navy); color: #fff; }
  button.accent, .button.accent { background: var(--yellow); border-color: var(--yellow); color: var(--navy); font-weight: 600; }
  button.danger { border-color: var(--danger); color: var(--danger); }
  button:disabled { opacity: 0.5; cursor: default; }
  input, select, textarea {
    font: inherit; padding: 0.4rem 0.55rem; border: 1px solid #b9c3cf; border-radius: 6px;
    background: var(--paper); color: var(--ink);
  }
  textarea { width: 100%; box-sizing: border-box; }
  label { display: grid; gap: 0.2rem; font-size: 0.9rem; color: var(--muted); }
  form.stack { display: grid; gap: 0.75rem; max-width: 32rem; }
  .badge {
    display: inline-block; padding: 0.1rem 0.5rem; border-radius: 999px; font-size: 0.8rem;
    background: var(--wash); border: 1px solid var(--line); white-space: nowrap; color: var(--ink);
  }
  .badge.completed, .badge.paid, .badge.won, .badge.ready { background: #e4f4e8; border-color: #b7dfc1; }
  .badge.cancelled, .badge.lost, .badge.unpaid { background: #fbe9e7; border-color: #f1c4bf; }
  .badge.pending, .badge.partial, .badge.new { background: #fff6cc; border-color: #f3dc6b; }
  .chips { display: flex; gap: 0.35rem; flex-wrap: wrap; margin-bottom: 0.75rem; }
  .chips button { border-radius: 999px; padding: 0.25rem 0.7rem; border-color: var(--line); }
  .chips button[aria-pressed='true'] { background: var(--navy); color: #fff; border-color: var(--navy); }
  .toolbar { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: end; margin-bottom: 0.75rem; }
  .thread { display: grid; gap: 0.4rem; max-height: 26rem; overflow: auto; padding: 0.5rem; background: var(--wash); border-radius: 8px; }
  .bubble { max-width: 80%; padding: 0.45rem 0.65rem; border-radius: 10px; background: var(--paper); border: 1px solid var(--line); white-space: pre-wrap; }
  .bubble.out { justify-self: end; background: #fff9d6; border-color: #f3e39a; }
  .bubble small { display: block; color: var(--muted); font-size: 0.75rem; margin-top: 0.2rem; }
  .table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 10px; }
`;
