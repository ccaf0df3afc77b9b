// The layers written in eslint.config.js, checked on every import of the app, the service worker and the server:
// static ones, `import type` and `import()` alike (eslint's rule does not see dynamic imports). Files are read as
// text and parsed, never run.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { homeOf, LAYERS, layerOf, OUTSIDE, PACKAGES, within } from '../../eslint.config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Import {
  /** The importing file, relative to the repository. */
  file: string;
  specifier: string;
  /** Where a relative import leads, relative to the repository; undefined for a package. */
  path: string | undefined;
  typeOnly: boolean;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => join(folder, name));
}

const FILES = ['src', 'sw', 'server'].flatMap(sourceFiles);

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  const clause = node.importClause;
  if (!clause) return false; // `import './x'` runs the module
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** Every module a file names: import and export declarations, and `import('…')` calls anywhere in it. */
function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const add = (specifier: string, typeOnly: boolean) =>
    found.push({ file, specifier, typeOnly, path: specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), specifier)) : undefined });
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, isTypeOnly(node));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) add(argument.text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const IMPORTS = FILES.flatMap(importsOf);

/** The folder of the table (a layer's or one outside them) that holds `path`. */
function folderOf(path: string): string | undefined {
  const folders = [...Object.keys(LAYERS).filter((key) => !/\.tsx?$/.test(key)), ...OUTSIDE];
  return folders.filter((folder) => within(path, folder)).sort((a, b) => b.length - a.length)[0];
}

const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0] ?? specifier;

const keptTo = (name: string) =>
  Object.entries(PACKAGES).find(([key]) => (key.endsWith('*') ? name.startsWith(key.slice(0, -1)) : name === key))?.[1];

const show = (imports: Import[]) => imports.map((i) => `${i.file} imports ${i.specifier}`);

/** The edges the issue named, each checked by name; the whole table is checked below. */
const FORBIDDEN: ReadonlyArray<readonly [from: string, to: string, why: string]> = [
  ['src/ui', 'src/storage', 'state owns the database'],
  ['src/export', 'src/storage', 'its builders are pure; the device shell that reads IndexedDB is src/state/device-export'],
];

describe('the layers of eslint.config.js', () => {
  it('finds the imports it checks, dynamic ones included', () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(IMPORTS).toContainEqual(expect.objectContaining({ file: 'src/state/startup.ts', specifier: '../storage/db', typeOnly: false }));
  });

  for (const [from, to, why] of FORBIDDEN) {
    it(`${from} never imports ${to}, not even a type or through import(): ${why}`, () => {
      const crossing = IMPORTS.filter((i) => within(i.file, from) && i.path !== undefined && within(i.path, to));
      expect(show(crossing)).toEqual([]);
    });
  }

  it('puts every file of src, sw and server in a layer', () => {
    expect(FILES.filter((file) => !layerOf(file) && !file.endsWith('.d.ts'))).toEqual([]);
  });

  it('lets each layer import only its own folder and the folders the table gives it', () => {
    const wrong = IMPORTS.filter((i) => {
      const layer = layerOf(i.file);
      const folder = i.path === undefined ? undefined : folderOf(i.path);
      if (!layer || !folder) return false;
      return folder !== homeOf(layer) && !(LAYERS[layer] ?? []).includes(folder);
    });
    expect(show(wrong)).toEqual([]);
  });

  it('lets only their owners import the packages kept to some folders', () => {
    const wrong = IMPORTS.filter((i) => {
      const owners = i.path === undefined ? keptTo(packageOf(i.specifier)) : undefined;
      return owners !== undefined && !owners.some((owner) => within(i.file, owner));
    });
    expect(show(wrong)).toEqual([]);
  });

  it('keeps workers out of src/export, which the server runs too: no worker file, no Comlink', () => {
    const workers = FILES.filter((file) => within(file, 'src/export') && /\.worker\.ts$/.test(file));
    const comlink = IMPORTS.filter((i) => within(i.file, 'src/export') && packageOf(i.specifier) === 'comlink');
    expect([...workers, ...show(comlink)]).toEqual([]);
  });

  it('keeps components to props: they import types of state, never its values', () => {
    const reading = IMPORTS.filter((i) => within(i.file, 'src/ui/components') && i.path && within(i.path, 'src/state') && !i.typeOnly);
    expect(show(reading)).toEqual([]);
  });
});
