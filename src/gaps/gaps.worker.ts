// Wiring only: the gap engine behind Comlink, off the main thread.
import { expose } from 'comlink';
import { createGapsApi } from './gaps-api';

expose(createGapsApi());
