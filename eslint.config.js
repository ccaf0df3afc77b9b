import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jsxA11y from 'eslint-plugin-jsx-a11y';

/**
 * The layers of house-style.md ("Dependencies point one way"), written here once: each folder (or file) and the
 * folders of the app it may import besides its own. ui → state → sync | export | storage | gaps | directory → model,
 * and in the middle floor only sync → storage and export → gaps. ui never imports storage: state owns the database.
 * The server reuses model, gaps, directory and export. Nothing here imports tests/, tools/ or bench/, which may
 * import anything (the seeded département's generator included). eslint checks it on every static import;
 * tests/architecture/imports.test.ts checks this same table on every import, `import type` and `import()` included.
 */
/** @type {Record<string, string[]>} */
export const LAYERS = {
  // The département's configuration (who pays for which school, its name, its targets): plain data under everything.
  'src/territory': [],
  'src/model': ['src/territory'],
  'src/gaps': ['src/model', 'src/territory'],
  'src/directory': ['src/model', 'src/territory'],
  'src/storage': ['src/model'],
  'src/sync': ['src/model', 'src/storage'],
  'src/export': ['src/model', 'src/gaps', 'src/territory'],
  // The photo pipeline (resize, compress, hash), run in its worker: browser APIs over a Blob, nothing of the app's state.
  'src/photos': ['src/model'],
  // Reading barcodes (an inventory sticker): the browser's detector or ZXing's wasm, loaded on first use.
  'src/scan': ['src/model'],
  // The worker bridge: plumbing for whichever layer owns a worker; it knows Comlink and nothing of the app.
  'src/workers': [],
  'src/state': ['src/model', 'src/territory', 'src/gaps', 'src/directory', 'src/storage', 'src/sync', 'src/export', 'src/photos', 'src/workers', 'src/state/device-export'],
  // The tablet's export shell, run in the export worker: reads IndexedDB and calls the pure builders of src/export.
  'src/state/device-export': ['src/model', 'src/storage', 'src/export'],
  'src/ui': ['src/model', 'src/territory', 'src/gaps', 'src/directory', 'src/export', 'src/state', 'src/scan'],
  'src/main.tsx': ['src/ui', 'src/state'],
  sw: [],
  server: ['src/model', 'src/territory', 'src/gaps', 'src/directory', 'src/export'],
};

/** Folders outside the layers that none of them may import. */
/** @type {string[]} */
export const OUTSIDE = ['tests', 'tools', 'bench'];

/**
 * Packages only some folders or files may import; `*` ends a prefix. Every other package is free.
 * @type {Record<string, string[]>}
 */
export const PACKAGES = {
  dexie: ['src/storage'],
  'idb-keyval': ['src/storage/prefs.ts', 'src/storage/saved-summary.ts'],
  preact: ['src/ui', 'src/main.tsx'],
  '@preact/signals': ['src/state', 'src/ui'],
  comlink: ['src/gaps', 'src/directory', 'src/photos', 'src/workers', 'src/state/device-export'],
  'workbox-window': ['src/state'],
  // About 1 MB of wasm: only the scan module loads it, on first use (src/scan/zxing-reader.ts).
  'zxing-wasm': ['src/scan/zxing-reader.ts'],
  'workbox-core': ['sw'],
  'workbox-precaching': ['sw'],
  'workbox-routing': ['sw'],
  fastify: ['server'],
  '@fastify/*': ['server'],
  'better-sqlite3': ['server'],
  'node:*': ['server'],
  // The OpenAPI description is built on the server; the app's bundle never carries the converter.
  '@valibot/to-json-schema': ['server'],
};

const SEE = "see the layers in eslint.config.js and house-style.md, 'Dependencies point one way'";

/** `a` is `b` or inside it. @type {(a: string, b: string) => boolean} */
export const within = (a, b) => a === b || a.startsWith(`${b}/`);

/**
 * The layer a path belongs to: the most precise entry of LAYERS that holds it.
 * @param {string} path relative to the repository
 * @returns {string | undefined}
 */
export function layerOf(path) {
  return Object.keys(LAYERS).filter((key) => within(path, key)).sort((a, b) => b.length - a.length)[0];
}

/** The folder a layer lives in: itself, or the folder of a file entry. @type {(key: string) => string} */
export const homeOf = (key) => (/\.tsx?$/.test(key) ? key.slice(0, key.lastIndexOf('/')) : key);

function restrictions(unit) {
  const layer = layerOf(unit);
  const allowed = [homeOf(layer), ...LAYERS[layer]];
  const folders = [...Object.keys(LAYERS).filter((key) => !/\.tsx?$/.test(key)), ...OUTSIDE].filter(
    (folder) => !allowed.some((ok) => within(ok, folder) || within(folder, ok)),
  );
  const packages = Object.entries(PACKAGES).filter(([, owners]) => !owners.some((owner) => within(unit, owner)));
  return [
    ...folders.map((folder) => ({
      group: [`**/${folder.split('/').pop()}/**`],
      message: `${layer} may not import ${folder}: it may import ${LAYERS[layer].join(', ') || 'no other folder'} (${SEE}).`,
    })),
    ...packages.map(([name, owners]) => ({
      group: name.endsWith('*') ? [name] : [name, `${name}/**`],
      message: `Only ${owners.join(', ')} may import ${name} (${SEE}).`,
    })),
  ];
}

/** One block per layer and per file a package is kept to, the most precise last, since the last block wins. */
function layerBlocks() {
  const fileOwners = Object.values(PACKAGES).flat().filter((owner) => /\.tsx?$/.test(owner) && !(owner in LAYERS));
  const units = [...new Set([...Object.keys(LAYERS), ...fileOwners])].sort((a, b) => a.length - b.length);
  return units.map((unit) => ({
    files: [/\.tsx?$/.test(unit) ? unit : `${unit}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns: restrictions(unit) }] },
  }));
}

export default tseslint.config(
  { ignores: ['dist/', 'dev-dist/', 'node_modules/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/ui/**/*.tsx', 'src/main.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    files: ['src/ui/**/*.tsx'],
    // A scrolling table region must be reachable by keyboard (axe: scrollable-region-focusable).
    rules: { 'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['tabpanel', 'region'] }] },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['bench/**', 'tests/e2e/**', 'scripts/**', 'server/main.ts', 'server/cli/**'], rules: { 'no-console': 'off' } },
  ...layerBlocks(),
  {
    // Screens read state and call actions; components are given what they show (types of state are fine).
    files: ['src/ui/components/**/*.{ts,tsx}', 'src/ui/charts/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/state/**'], allowTypeImports: true, message: `Components take props only: their screen reads state (${SEE}).` }] },
      ],
    },
  },
  {
    // The server's SQL lives in server/src/store/: routes, CLIs and main call the Store interface (store/store.ts),
    // which a PostgreSQL store will implement too. (A rule of its own, so that the layers' rule above still applies.)
    files: ['server/**/*.ts'],
    ignores: ['server/src/store/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['better-sqlite3', '**/store/sqlite/**'], message: `Only server/src/store may reach SQLite: call the Store interface (${SEE}).` }] },
      ],
    },
  },
);
