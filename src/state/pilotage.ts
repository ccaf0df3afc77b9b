// Pilotage on this device (pilotage.md): the priority list, the equipment plan for the budgets typed here, and the
// département's needs by article, each asked of the gaps worker and asked again whenever the gaps change (an edit, a
// pulled fiche, a new référentiel), so that a screen showing them follows what is recorded.
import { effect, signal } from '@preact/signals';
import { DEFAULT_PLAN_OPTIONS, type PlanOptions } from '../gaps/plan';
import type { ArticleNeed, PlanReport, PlanRequest, PriorityList } from '../gaps/pilotage';
import type { ChefDeFile } from '../model/school';
import { getPlanSettings, setPlanSettings } from '../storage/prefs';
import { askGaps, gapSummary, markGaps } from './gaps';

export const priorityList = signal<PriorityList | null>(null);
export const planReport = signal<PlanReport | null>(null);
export const articleNeeds = signal<{ referentialVersion: string; articles: ArticleNeed[] } | null>(null);

/** The budgets and switches of the plan, as typed on this device. */
export const planSettings = signal<PlanRequest>({ budgetsHt: {}, options: DEFAULT_PLAN_OPTIONS });
/** Whether the settings kept on the device were read (the plan waits for them rather than showing empty budgets). */
export const planSettingsLoaded = signal(false);

type Wanted = 'priorities' | 'plan' | 'articles';
/** How many open screens show each: two may overlap while one replaces the other. */
const wanted = new Map<Wanted, number>();

async function refresh(what: Wanted): Promise<void> {
  const start = performance.now();
  if (what === 'priorities') {
    const list = await askGaps((g) => g.priorities());
    if (list) priorityList.value = list;
  } else if (what === 'plan') {
    const report = await askGaps((g) => g.plan(structuredClone(planSettings.value)));
    if (!report) return;
    planReport.value = report;
    markGaps('tne:plan', report.computeMs, start); // read by bench/pilotage.ts
  } else {
    const articles = await askGaps((g) => g.needsByArticle());
    if (articles) articleNeeds.value = articles;
  }
}

let stopFollowing: (() => void) | undefined;

/** Each change of the gaps asks again what a shown screen uses. */
function follow(): void {
  stopFollowing ??= effect(() => {
    if (!gapSummary.value) return;
    for (const what of wanted.keys()) void refresh(what).catch((error: unknown) => console.error(`pilotage: ${what} not computed`, error));
  });
}

/** A screen that shows `what` calls this when it opens; the returned function when it closes. */
export function usePilotage(...what: Wanted[]): () => void {
  for (const w of what) wanted.set(w, (wanted.get(w) ?? 0) + 1);
  follow();
  if (what.includes('plan')) void loadPlanSettings();
  if (gapSummary.peek()) for (const w of what) void refresh(w);
  return () => {
    for (const w of what) {
      const left = (wanted.get(w) ?? 1) - 1;
      if (left > 0) wanted.set(w, left);
      else wanted.delete(w);
    }
  };
}

let settingsRead: Promise<void> | undefined;

function loadPlanSettings(): Promise<void> {
  return (settingsRead ??= getPlanSettings().then((kept) => {
    // A budget typed meanwhile wins over the one kept.
    if (kept && !planSettingsLoaded.value) planSettings.value = { budgetsHt: { ...kept.budgetsHt }, options: { ...DEFAULT_PLAN_OPTIONS, ...kept.options } };
    planSettingsLoaded.value = true;
    if (wanted.has('plan')) return refresh('plan');
  }));
}

function changePlan(next: PlanRequest): void {
  planSettings.value = next;
  planSettingsLoaded.value = true;
  const budgetsHt = Object.fromEntries(Object.entries(next.budgetsHt).filter((entry): entry is [string, number | null] => entry[1] !== undefined));
  void setPlanSettings({ budgetsHt, options: { ...next.options } });
  if (gapSummary.peek()) void refresh('plan');
}

/** A budget typed (HT, euros), or cleared (null). */
export function setBudget(chefDeFile: ChefDeFile, budgetHt: number | null): void {
  const current = planSettings.value;
  changePlan({ ...current, budgetsHt: { ...current.budgetsHt, [chefDeFile]: budgetHt } });
}

export function setPlanOption(option: keyof PlanOptions, on: boolean): void {
  const current = planSettings.value;
  changePlan({ ...current, options: { ...current.options, [option]: on } });
}
