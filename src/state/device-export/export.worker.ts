// Wiring only: the tablet's export off the page's thread.
import { expose } from 'comlink';
import { exportWorkerApi } from './device-export';

expose(exportWorkerApi);
