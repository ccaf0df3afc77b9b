// Runs before any test module: Dexie needs an IndexedDB implementation before it is imported.
import 'fake-indexeddb/auto';
