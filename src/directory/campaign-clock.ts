// Dates for generated fiches: visits on school days of the campaign, never after `now`, so that every date
// and year a generated record holds is one the validation accepts on that day.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const FIRST_VISIT_HOUR_UTC = 6;
const LAST_VISIT_HOUR_UTC = 15;
const QUIET_WINDOW_DAYS = 30;

export interface CampaignClock {
  /** The latest year equipment can date from: the year of `now` (UTC), or of the campaign's end if earlier. */
  maxYear: number;
  /** A school day of the campaign before today (ms at 00:00 UTC), or null when the campaign has not started. */
  visitDay(): number | null;
  /** A day `0..maxDays` after `day`, still before today (for later revisions). */
  laterDay(day: number, maxDays: number): number;
  /** An ISO 8601 UTC time during that day's visiting hours, or some recent day when `day` is null. */
  timestamp(day: number | null): string;
}

export function toIsoDate(day: number): string {
  return new Date(day).toISOString().slice(0, 10);
}

function campaignBounds(campaign: string): { start: number; end: number } {
  const match = /^(\d{4})-(\d{4})$/.exec(campaign);
  if (!match || Number(match[2]) !== Number(match[1]) + 1) throw new Error(`not a campaign: ${campaign}`);
  const first = Number(match[1]);
  // From 1 September to the summer holidays (early July).
  return { start: Date.UTC(first, 8, 1), end: Date.UTC(first + 1, 6, 5) };
}

function isWeekend(day: number): boolean {
  const weekday = new Date(day).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function createCampaignClock(random: { int(min: number, max: number): number }, campaign: string, now: Date): CampaignClock {
  const { start, end } = campaignBounds(campaign);
  // Today's midnight bounds everything, so a default `now` gives the same data all day long.
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const lastDay = Math.min(end, today) - DAY_MS;
  const days = Math.floor((lastDay - start) / DAY_MS) + 1;

  const visitDay = (): number | null => {
    if (days < 1) return null;
    let day = start + random.int(0, days - 1) * DAY_MS;
    for (let tries = 0; tries < 4 && isWeekend(day); tries += 1) day = start + random.int(0, days - 1) * DAY_MS;
    return day;
  };

  return {
    maxYear: new Date(Math.min(end - DAY_MS, now.getTime())).getUTCFullYear(),
    visitDay,
    laterDay: (day, maxDays) => Math.min(lastDay, day + random.int(0, maxDays) * DAY_MS),
    timestamp(day) {
      const base = day ?? visitDay() ?? today - random.int(1, QUIET_WINDOW_DAYS) * DAY_MS;
      const offset = random.int(FIRST_VISIT_HOUR_UTC * HOUR_MS, LAST_VISIT_HOUR_UTC * HOUR_MS);
      return new Date(base + offset).toISOString();
    },
  };
}
