// The Bouches-du-Rhône is configuration (domain.md, "Other départements"): no code outside src/territory/config
// names it, its collectivités or its communes, so that a server or a tablet of another département shows its own.
// Read as text and parsed, never run: every string, template, JSX text, identifier and regular expression of src/
// and server/ is checked; comments are not code (they may take an example from anywhere). The product's own name
// (TNE13_ variables, "TNE 13", tne13 files) is not the territory's.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where the territory may be named: its configuration, and the demonstration schools placed in it. */
const ALLOWED_FILES = ['src/territory/config/', 'src/directory/demo-schools.ts', 'src/model/postcodes/'];

/** Single uses that name the place for another reason than who pays, each with why. */
const ALLOWED_USES: ReadonlyArray<readonly [file: string, text: string, why: string]> = [
  ['src/model/referential.ts', 'Ville de Marseille (2023)', "a price's source: where the figure was found, not who pays"],
  // makeDirectorySchool's default school, for tests and demonstrations: an école of the demonstration data.
  ['src/model/make.ts', 'Marseille 2e Arrondissement', 'the default school of the factory'],
  ['src/model/make.ts', 'Marseille 02 – Joliette', 'the default school of the factory'],
  ['src/model/make.ts', 'ville-marseille', 'the default school of the factory'],
];

const FORBIDDEN: ReadonlyArray<readonly [name: string, test: (token: string, isString: boolean) => boolean]> = [
  ['cd13', (t) => /cd13/i.test(t)],
  ['Marseille', (t) => /marseille/i.test(t)],
  ['Bouches-du-Rhône', (t) => /bouches[-_ ]du[-_ ]rh[oô]ne/i.test(t)],
  ['13055', (t) => t.includes('13055')],
  ["le département '13'", (t, isString) => isString && /^0?13$/.test(t.trim())],
];

function codeFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => join(folder, name).replaceAll('\\', '/'))
    .filter((file) => !ALLOWED_FILES.some((allowed) => file.startsWith(allowed)));
}

interface Token {
  file: string;
  line: number;
  text: string;
  isString: boolean;
}

/** Every piece of code that carries words: what a comment-free reading of the file sees. */
function tokensOf(file: string): Token[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Token[] = [];
  const add = (node: ts.Node, text: string, isString: boolean) =>
    found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text, isString });
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) add(node, node.text, true);
    else if (ts.isJsxText(node)) add(node, node.text, true);
    else if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) add(node, node.text, false);
    else if (ts.isRegularExpressionLiteral(node)) add(node, node.text, false);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const FILES = ['src', 'server'].flatMap(codeFiles);

function offences(tokens: readonly Token[]): string[] {
  return tokens.flatMap((token) =>
    FORBIDDEN.filter(([, test]) => test(token.text, token.isString))
      .filter(() => !ALLOWED_USES.some(([file, text]) => file === token.file && token.text === text))
      .map(([name]) => `${token.file}:${token.line} names ${name}: ${JSON.stringify(token.text.trim().slice(0, 80))}`),
  );
}

describe('the territory in the code', () => {
  it('reads the files it must, strings, JSX text and identifiers, and no comment', () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(FILES).toContain('src/gaps/aggregates.ts');
    expect(FILES).not.toContain('src/territory/config/bouches-du-rhone.ts');
    const probe = tokensOf('tests/architecture/territory-literals.test.ts');
    expect(probe.some((t) => t.text === 'Ville de Marseille (2023)' && t.isString)).toBe(true);
    const comment = ['Read as text', 'and parsed, never run'].join(' ');
    expect(probe.some((t) => t.text.includes(comment))).toBe(false);
  });

  it('finds each name it looks for, with its file and line', () => {
    const sample: Token[] = [
      { file: 'x.ts', line: 1, text: "Un classeur pour le CD13", isString: true },
      { file: 'x.ts', line: 2, text: 'ville-marseille', isString: true },
      { file: 'x.ts', line: 3, text: 'Département des Bouches-du-Rhône', isString: true },
      { file: 'x.ts', line: 4, text: '13055', isString: true },
      { file: 'x.ts', line: 5, text: '013', isString: true },
      { file: 'x.ts', line: 6, text: 'TNE13_DEPARTEMENT', isString: true },
      { file: 'x.ts', line: 7, text: 'tne13-plan-equipement', isString: true },
      { file: 'x.ts', line: 8, text: '130', isString: true },
    ];
    expect(offences(sample)).toEqual([
      'x.ts:1 names cd13: "Un classeur pour le CD13"',
      'x.ts:2 names Marseille: "ville-marseille"',
      'x.ts:3 names Bouches-du-Rhône: "Département des Bouches-du-Rhône"',
      'x.ts:4 names 13055: "13055"',
      'x.ts:5 names le département \'13\': "013"',
    ]);
  });

  it('is named nowhere in src/ and server/ but in its configuration and the demonstration data', () => {
    expect(offences(FILES.flatMap(tokensOf))).toEqual([]);
  });
});
