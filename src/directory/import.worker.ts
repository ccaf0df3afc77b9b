// Wiring only: the directory import off the main thread, with its progress reported back.
import { expose } from 'comlink';
import { importDirectoryFiles } from './import-files';

export const directoryImportApi = { importDirectoryFiles };
export type DirectoryImportApi = typeof directoryImportApi;

expose(directoryImportApi);
