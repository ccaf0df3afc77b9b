// How a field's value reads on the "À arbitrer" screen, for the keyed lists (fleets, photos) in particular.
import { describe, expect, it } from 'vitest';
import { genericPath, photoText, valueText } from '../../src/model/value-text';

const SHA = 'a'.repeat(64);

describe('genericPath', () => {
  it('drops the key of a fleet or a photo, keeps other paths as they are', () => {
    expect(genericPath('data.fleets.flotte-1.count')).toBe('fleets.count');
    expect(genericPath('data.fleets.flotte-1')).toBe('fleets');
    expect(genericPath(`data.photos.${SHA}.caption`)).toBe('photos.caption');
    expect(genericPath(`data.photos.${SHA}`)).toBe('photos');
    expect(genericPath('data.photos.2.subject')).toBe('photos.subject');
    expect(genericPath('data.internet.access')).toBe('internet.access');
  });
});

describe('valueText of photos', () => {
  it('says a photo in one line, its subject in French', () => {
    expect(photoText({ subject: 'display', caption: 'VPI fissuré' })).toBe('Photo Affichage collectif, « VPI fissuré »');
    expect(valueText(`data.photos.${SHA}`, { sha256: SHA, subject: 'general', caption: null })).toBe('Photo Vue générale');
    expect(valueText(`data.photos.${SHA}.subject`, 'documentCamera')).toBe('Visualiseur');
  });

  it('says a photo removed on one side', () => {
    expect(valueText(`data.photos.${SHA}`, undefined)).toBe('photo retirée');
  });
});
