import { describe, expect, it } from 'vitest';
import { campaignOfDay, currentCampaign } from '../../src/model/campaign';

describe('currentCampaign', () => {
  it.each([
    ['28 November 2026', new Date(2026, 10, 28), '2026-2027'],
    ['1 January 2027', new Date(2027, 0, 1), '2026-2027'],
    ['1 March 2027', new Date(2027, 2, 1), '2026-2027'],
    ['31 August 2026, late evening', new Date(2026, 7, 31, 23, 59), '2025-2026'],
    ['1 September 2026, just after midnight', new Date(2026, 8, 1, 0, 1), '2026-2027'],
    ['31 December 2026', new Date(2026, 11, 31), '2026-2027'],
  ])('on %s is the campaign %s', (_day, date, campaign) => {
    expect(currentCampaign(date)).toBe(campaign);
  });
});

describe('campaignOfDay', () => {
  it('starts the school year on 1 September', () => {
    expect(campaignOfDay('2026-08-31')).toBe('2025-2026');
    expect(campaignOfDay('2026-09-01')).toBe('2026-2027');
    expect(campaignOfDay('2027-01-15T08:00')).toBe('2026-2027');
  });
});
