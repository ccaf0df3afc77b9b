import { describe, expect, it } from 'vitest';
import { readSyncAddress } from '../../src/sync/endpoint';

const url = (text: string) => {
  const reading = readSyncAddress(text);
  return reading.ok ? reading.url : reading.message;
};

describe('readSyncAddress', () => {
  it('takes the server address that `npm start` prints, with or without its final slash', () => {
    expect(url('http://192.168.1.20:4173/')).toBe('http://192.168.1.20:4173/api/v1/sync');
    expect(url('http://192.168.1.20:4173')).toBe('http://192.168.1.20:4173/api/v1/sync');
    expect(url('  https://tne13.exemple.fr  ')).toBe('https://tne13.exemple.fr/api/v1/sync');
  });

  it('takes the API address and the sync endpoint itself', () => {
    expect(url('https://tne13.exemple.fr/api/v1')).toBe('https://tne13.exemple.fr/api/v1/sync');
    expect(url('https://tne13.exemple.fr/api/v1/')).toBe('https://tne13.exemple.fr/api/v1/sync');
    expect(url('https://tne13.exemple.fr/api/v1/sync')).toBe('https://tne13.exemple.fr/api/v1/sync');
    expect(url('HTTPS://TNE13.exemple.fr:8443/api/v1/sync/')).toBe('https://tne13.exemple.fr:8443/api/v1/sync');
  });

  it('keeps the prefix of a server behind a reverse proxy', () => {
    expect(url('https://academie.exemple.fr/tne13/api/v1')).toBe('https://academie.exemple.fr/tne13/api/v1/sync');
  });

  it('leaves an empty field empty: the server that served the app', () => {
    expect(readSyncAddress('  ')).toEqual({ ok: true, url: '' });
  });

  it('says that http:// or https:// is missing from an address written without it', () => {
    for (const typed of ['tne13.exemple.fr', '192.168.1.20:4173', 'localhost:4173/', 'http//tne13.exemple.fr']) {
      expect(readSyncAddress(typed)).toEqual({
        ok: false,
        message: `Adresse du serveur de synchronisation : écrivez l'adresse en entier, avec http:// ou https:// au début, comme https://tne13.exemple.fr/ (saisi : « ${typed} »).`,
      });
    }
  });

  it('refuses anything else, naming the field and showing what is expected', () => {
    const expected = (typed: string) =>
      `Adresse du serveur de synchronisation : saisissez l'adresse du serveur, comme https://tne13.exemple.fr/ ou https://tne13.exemple.fr/api/v1/sync (saisi : « ${typed} »).`;
    for (const typed of ['ftp://tne13.exemple.fr/', 'https://tne13.exemple.fr/tne13/', 'https://tne13.exemple.fr/api/v2/sync', 'https://tne13.exemple.fr/api/v1/sync?x=1', 'https://moi:secret@tne13.exemple.fr/']) {
      expect(readSyncAddress(typed)).toEqual({ ok: false, message: expected(typed) });
    }
  });
});
