// Campaigns are school years ("2026-2027"); a school year starts in September.

const SCHOOL_YEAR_FIRST_MONTH = 8; // September, 0-based; August still belongs to the year that ends

/** The school year in progress on `now`. */
export function currentCampaign(now: Date = new Date()): string {
  const year = now.getFullYear();
  const start = now.getMonth() >= SCHOOL_YEAR_FIRST_MONTH ? year : year - 1;
  return `${start}-${start + 1}`;
}
