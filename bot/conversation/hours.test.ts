import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../domain/settings/settings.model.js';
import { describeHours } from './hours.js';

describe('describeHours', () => {
  it('groups days with the same hours, Monday first', () => {
    expect(describeHours(DEFAULT_SETTINGS.businessHours, 'id')).toBe('Sen–Sab 08:00–20:00');
    expect(
      describeHours(
        {
          ...DEFAULT_SETTINGS.businessHours,
          6: { open: '09:00', close: '15:00' },
          0: { open: '09:00', close: '15:00' },
        },
        'en',
      ),
    ).toBe('Mon–Fri 08:00–20:00, Sat–Sun 09:00–15:00');
  });
});
