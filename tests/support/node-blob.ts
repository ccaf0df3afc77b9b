// The UI tests that store images: happy-dom's Blob neither survives fake-indexeddb's structured clone nor is known to
// Dexie as a Blob (its modify() would copy it as a plain object), where a browser's Blob is both. Node's is both
// here: imported before anything loads Dexie, it is the Blob of the test's page.
import { Blob as NodeBlob } from 'node:buffer';

globalThis.Blob = NodeBlob as unknown as typeof Blob;
