// Valibot building blocks for record fields. Messages say what is wrong; validate.ts prefixes the field's name.
import * as v from 'valibot';
import { frenchNumber } from './french-number';
import { excerpt, graphemeCount, trimText } from './text';

export const MIN_YEAR = 1990;

/** What was typed, at the end of a message; a number written the French way (a year as it is); a long text quoted
 * by its start only, so that an answer never grows with what was sent. */
export const shown = (input: unknown, format: (n: number) => string = frenchNumber): string =>
  typeof input === 'number' ? ` (saisi : ${format(input)})` : typeof input === 'string' ? ` (saisi : ${excerpt(input)})` : '';

/**
 * What JSON Schema can say of a rule checked in code here (the server's OpenAPI description is converted from these
 * schemas): a French description, and only keywords that refuse nothing the rule accepts. Validation ignores it.
 */
export function documented<TInput>(description: string, keywords: Readonly<Record<string, unknown>> = {}) {
  return v.metadata<TInput, Record<string, unknown>>({ description, ...keywords });
}

const NUMBER_MESSAGE = 'saisissez un nombre';
const INTEGER_MESSAGE = (issue: v.BaseIssue<unknown>) => `saisissez un nombre entier${shown(issue.input)}`;

const between = (min: number, max: number) => (issue: v.BaseIssue<unknown>) =>
  `saisissez un nombre entre ${frenchNumber(min)} et ${frenchNumber(max)}${shown(issue.input)}`;

export function integerIn(min: number, max: number) {
  const range = between(min, max);
  return v.pipe(v.number(NUMBER_MESSAGE), v.integer(INTEGER_MESSAGE), v.minValue(min, range), v.maxValue(max, range));
}

export function decimalIn(min: number, max: number) {
  const range = between(min, max);
  return v.pipe(v.number(NUMBER_MESSAGE), v.finite(NUMBER_MESSAGE), v.minValue(min, range), v.maxValue(max, range));
}

/** A year is written without a thousands space ("1850"), with a decimal comma if it has one. */
const yearText = (n: number) => String(n).replace('.', ',');

/** A year between 1990 and the current year (records.md). */
export function yearUpTo(currentYear: number) {
  const range = (issue: v.BaseIssue<unknown>) =>
    `saisissez une année entre ${MIN_YEAR} et ${currentYear}${shown(issue.input, yearText)}`;
  return v.pipe(
    v.number(NUMBER_MESSAGE),
    v.integer((issue) => `saisissez un nombre entier${shown(issue.input, yearText)}`),
    v.minValue(MIN_YEAR, range),
    v.maxValue(currentYear, range),
    documented(`Année, de ${MIN_YEAR} à l'année en cours.`),
  );
}

/**
 * Text trimmed of spaces and invisible characters (text.ts), limited in characters as a reader counts them;
 * `min` 1 makes it required, so that a label of zero-width spaces is as blank as an empty one.
 */
export function text(max: number, min = 0) {
  return v.pipe(
    v.string('saisissez un texte'),
    v.transform(trimText),
    v.rawCheck<string>(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const count = graphemeCount(dataset.value);
      if (count < min) addIssue({ message: 'ce champ est obligatoire' });
      else if (count > max) addIssue({ message: `${frenchNumber(max)} caractères au plus (${frenchNumber(count)} saisis)` });
    }),
    // A bound in code points (JSON Schema's maxLength) would refuse text valid here: only the lower one is a keyword.
    documented(
      `Texte, espaces et caractères invisibles retirés aux deux bouts ; ${min > 0 ? `de ${frenchNumber(min)} à` : 'au plus'} ${frenchNumber(max)} caractères comptés comme un lecteur les voit (graphèmes).`,
      min > 0 ? { minLength: min } : {},
    ),
  );
}

export function oneOf<const T extends readonly string[]>(options: T) {
  return v.picklist(options, (issue) =>
    issue.input === null || issue.input === undefined ? 'choisissez une réponse' : `valeur non reconnue${shown(issue.input)}`,
  );
}

export const yesNo = v.boolean('répondez par oui ou non');

/**
 * A list of at most `max` items: its length is checked before any item, so that a list too long to be valid costs
 * one message, not one per item.
 */
export function listOf<TItem extends v.GenericSchema>(item: TItem, max: number, messages: { type: string; max: string }) {
  return v.pipe(v.array(v.unknown(), messages.type), v.maxLength(max, messages.max), v.array(item, messages.type));
}

/** A list of codes among `options`, each at most once. */
export function setOf<const T extends readonly string[]>(options: T) {
  return v.pipe(
    listOf(oneOf(options), options.length, { type: 'choisissez dans la liste', max: `${frenchNumber(options.length)} choix au plus` }),
    v.check((items) => new Set(items).size === items.length, 'une même valeur est cochée deux fois'),
    documented('Chaque valeur au plus une fois.', { uniqueItems: true }),
  );
}
