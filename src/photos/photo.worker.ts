// Wiring only: the photo pipeline off the main thread, where decoding 12 megapixels and encoding a few JPEGs would
// freeze the form for a second.
import { expose } from 'comlink';
import { compressPhoto } from './compress';

export const photoWorkerApi = { compressPhoto };
export type PhotoWorkerApi = typeof photoWorkerApi;

expose(photoWorkerApi);
