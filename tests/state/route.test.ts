import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from '../../src/state/route';

describe('parseRoute and routeHash', () => {
  it.each<[string, Route]>([
    ['#/', { screen: 'schools' }],
    ['#/profil', { screen: 'profile' }],
    ['#/ecole/0130569Y', { screen: 'school', uai: '0130569Y' }],
    ['#/ecole/0130569Y/fiche', { screen: 'school-print', uai: '0130569Y' }],
    [
      '#/ecole/0130569Y/classe/3f1c2a9e-7d4b-4e8a-9c1f-2b6d5e4a8c07',
      { screen: 'classroom', uai: '0130569Y', id: '3f1c2a9e-7d4b-4e8a-9c1f-2b6d5e4a8c07' },
    ],
  ])('turn %s into its screen and back', (hash, route) => {
    expect(routeHash(route)).toBe(hash);
    expect(parseRoute(hash)).toEqual(route);
  });

  it('brings back a route whose segments need encoding', () => {
    const route: Route = { screen: 'classroom', uai: '0130569Y', id: 'salle 12/bis #2 é' };
    expect(routeHash(route)).not.toContain(' ');
    expect(parseRoute(routeHash(route))).toEqual(route);
  });
});

describe('parseRoute', () => {
  it.each(['', '#', '#/', '#/inconnu', '#/ecole', '#/ecole/', '#/classe/abc'])('shows the list of schools for %j', (hash) => {
    expect(parseRoute(hash)).toEqual({ screen: 'schools' });
  });

  it('does not break on a badly encoded link', () => {
    expect(parseRoute('#/100%')).toEqual({ screen: 'schools' });
    expect(parseRoute('#/ecole/%E0')).toEqual({ screen: 'school', uai: '%E0' });
  });

  it('decodes encoded segments', () => {
    expect(parseRoute('#/ecole/0130569Y/classe/salle%2012%2Fbis')).toEqual({
      screen: 'classroom',
      uai: '0130569Y',
      id: 'salle 12/bis',
    });
  });

  it('reads a hash without the leading slash or with a trailing one', () => {
    expect(parseRoute('#ecole/0130569Y')).toEqual({ screen: 'school', uai: '0130569Y' });
    expect(parseRoute('#/ecole/0130569Y/')).toEqual({ screen: 'school', uai: '0130569Y' });
  });

  it('shows the school when the classroom id is missing', () => {
    expect(parseRoute('#/ecole/0130569Y/classe')).toEqual({ screen: 'school', uai: '0130569Y' });
  });
});
