import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jsxA11y from 'eslint-plugin-jsx-a11y';

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
  // The layers of house-style.md: ui → state → storage → model; only storage touches Dexie.
  layer('src/model/**', ['dexie', 'idb-keyval', 'comlink', '@preact/signals', 'preact', '**/storage/**', '**/state/**', '**/ui/**']),
  layer('src/directory/**', ['dexie', 'idb-keyval', '@preact/signals', 'preact', '**/storage/**', '**/state/**', '**/ui/**']),
  // The export's core is pure; only its worker shell (export-api.ts) reads the device's storage.
  { ...layer('src/export/**', ['dexie', 'idb-keyval', '@preact/signals', 'preact', '**/storage/**', '**/state/**', '**/ui/**']), ignores: ['src/export/export-api.ts'] },
  layer('src/export/export-api.ts', ['dexie', 'idb-keyval', '@preact/signals', 'preact', '**/state/**', '**/ui/**']),
  layer('src/storage/**', ['@preact/signals', 'preact', '**/state/**', '**/ui/**']),
  layer('src/state/**', ['dexie', '**/ui/**']),
  layer('src/ui/**', ['dexie', 'idb-keyval', '**/storage/fiches', '**/storage/prefs', '**/storage/outbox', '**/storage/backup', '**/storage/drafts']),
  // The server's SQL lives in server/src/store/: routes, CLIs and main call the Store interface (store/store.ts).
  { ...layer('server/**', ['better-sqlite3', '**/store/sqlite/**']), ignores: ['server/src/store/**'] },
);

function layer(files, forbidden) {
  return {
    files: [files],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message: 'This layer may not import that (see house-style.md).' }] }],
    },
  };
}
