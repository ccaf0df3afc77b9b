// The reasons a rule gives, in the référentiel's own wording (RuleDef.reasons) filled with recorded values.
import { fillReason, ruleDef, RULES, type RuleId } from '../model/referential';
import { capitalize } from './outcome';

type Values = Readonly<Record<string, string | number>>;

// The engine gives the same few reasons thousands of times (one per failing rule of 9,000 classrooms): each filled
// text is made once and shared, looked up through nested maps keyed by the template and each value in turn
// (no key string to build and hash on every call).
const LEAF = Symbol('text');
const CAPITAL = Symbol('capital');
const JOINED = Symbol('joined');
type Node = Map<unknown, Node | string>;
let memo: Node = new Map();
let memoSize = 0;
const MAX_CACHED = 20_000;

function step(node: Node, part: unknown): Node {
  let next = node.get(part) as Node | undefined;
  if (next === undefined) node.set(part, (next = new Map()));
  return next;
}

/** The text of `template` filled with `values` (opening with a capital when asked), made the first time. */
function cached(template: string, values: Values, capital: boolean): string {
  let node = step(memo, template);
  for (const name in values) node = step(node, values[name]);
  const leaf = capital ? CAPITAL : LEAF;
  let text = node.get(leaf) as string | undefined;
  if (text === undefined) {
    if (++memoSize > MAX_CACHED) [memo, memoSize] = [new Map(), 0]; // a bound, never reached in practice
    const filled = fillReason(template, values);
    node.set(leaf, (text = capital ? capitalize(filled) : filled));
  }
  return text;
}

function template(rule: RuleId, code: string): string {
  const text = ruleDef(rule).reasons[code];
  if (text === undefined) throw new Error(`référentiel: no reason ${code} for ${rule}`);
  return text;
}

// Reasons without a value ("pas de filtrage internet") are the most frequent: made once, read as properties.
const PLAIN: Readonly<Record<string, Readonly<Record<string, readonly [text: string, capital: string]>>>> = Object.fromEntries(
  RULES.map((rule) => [
    rule.id,
    Object.fromEntries(Object.entries(rule.reasons).filter(([, t]) => !t.includes('{')).map(([code, t]) => [code, [t, capitalize(t)] as const])),
  ]),
);

/** The reason `code` of `rule` filled in, as the référentiel writes it (to be joined with others). */
export function reasonText(rule: RuleId, code: string, values?: Values): string {
  if (!values) return (PLAIN[rule]?.[code] ?? [template(rule, code)])[0];
  return cached(template(rule, code), values, false);
}

/** The reason `code` of `rule`, filled and opening with a capital ("VPI de 2016 : plus de 8 ans, …"). */
export function reasonOf(rule: RuleId, code: string, values?: Values): string {
  if (!values) return PLAIN[rule]?.[code]?.[1] ?? capitalize(template(rule, code));
  return cached(template(rule, code), values, true);
}

/** Several reasons of one rule as one: "Acheté en 2015, plus de 5 ans ; disque dur, pas de SSD". */
export function joinReasons(texts: readonly string[]): string {
  let node = step(memo, JOINED);
  for (const text of texts) node = step(node, text);
  let joined = node.get(LEAF) as string | undefined;
  if (joined === undefined) {
    if (++memoSize > MAX_CACHED) [memo, memoSize] = [new Map(), 0];
    node.set(LEAF, (joined = capitalize(texts.join(' ; '))));
  }
  return joined;
}
