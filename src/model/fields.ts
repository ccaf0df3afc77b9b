// Valibot building blocks for record fields. Messages say what is wrong; validate.ts prefixes the field's name.
import * as v from 'valibot';
import { frenchNumber } from './french-number';

export const MIN_YEAR = 1990;

/** What was typed, at the end of a message; a number written the French way (a year as it is). */
const shown = (input: unknown, format: (n: number) => string = frenchNumber): string =>
  typeof input === 'number' ? ` (saisi : ${format(input)})` : typeof input === 'string' ? ` (saisi : ${input})` : '';

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
  );
}

/** Trimmed text, limited in length; `min` 1 makes it required. */
export function text(max: number, min = 0) {
  return v.pipe(
    v.string('saisissez un texte'),
    v.trim(),
    v.minLength(min, 'ce champ est obligatoire'),
    v.maxLength(max, (issue) => `${frenchNumber(max)} caractères au plus (${frenchNumber(issue.input.length)} saisis)`),
  );
}

export function oneOf<const T extends readonly string[]>(options: T) {
  return v.picklist(options, (issue) =>
    issue.input === null || issue.input === undefined ? 'choisissez une réponse' : `valeur non reconnue${shown(issue.input)}`,
  );
}

export const yesNo = v.boolean('répondez par oui ou non');

/** A list of codes among `options`, each at most once. */
export function setOf<const T extends readonly string[]>(options: T) {
  return v.pipe(
    v.array(oneOf(options), 'choisissez dans la liste'),
    v.check((items) => new Set(items).size === items.length, 'une même valeur est cochée deux fois'),
  );
}
