// Campaigns are school years ("2026-2027"); a school year starts in September.

const SCHOOL_YEAR_FIRST_MONTH = 8; // September, 0-based; August still belongs to the year that ends

/** The school year in progress on `now`. */
export function currentCampaign(now: Date = new Date()): string {
  const year = now.getFullYear();
  const start = now.getMonth() >= SCHOOL_YEAR_FIRST_MONTH ? year : year - 1;
  return `${start}-${start + 1}`;
}

/** The school year of a calendar day (`2026-09-01` → "2026-2027"): for a day already read in the right time zone. */
export function campaignOfDay(isoDay: string): string {
  const year = Number(isoDay.slice(0, 4));
  const start = Number(isoDay.slice(5, 7)) - 1 >= SCHOOL_YEAR_FIRST_MONTH ? year : year - 1;
  return `${start}-${start + 1}`;
}
