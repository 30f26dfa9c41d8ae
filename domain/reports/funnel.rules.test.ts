import { describe, expect, it } from 'vitest';
import { furthestStage } from './funnel.rules.js';

describe('furthestStage', () => {
  it('a won lead passed every step, skipped ones too', () => {
    expect(furthestStage('won', ['new', 'won'])).toBe('won');
    expect(furthestStage('won', [])).toBe('won');
  });

  it('a lost lead counts up to the furthest open stage it was in', () => {
    expect(furthestStage('lost', ['new', 'contacted', 'contacted', 'qualified', 'qualified', 'lost'])).toBe(
      'qualified',
    );
    // No history (written directly): only its current stage is known, and lost is not a step.
    expect(furthestStage('lost', [])).toBe('new');
  });

  it('an open lead counts its current stage or further if it was further before being lost and reopened', () => {
    expect(furthestStage('proposal', [])).toBe('proposal');
    expect(furthestStage('contacted', ['new', 'proposal', 'proposal', 'lost', 'lost', 'contacted'])).toBe(
      'proposal',
    );
  });

  it('a win the owner corrected away is not a win', () => {
    expect(furthestStage('contacted', ['new', 'won', 'won', 'contacted'])).toBe('contacted');
  });
});
