import { describe, expect, it } from 'vitest';
import { parseLocation } from './location.js';

const input = (placeName = '', lat = '', lon = '') => ({ placeName, lat, lon });

describe('parseLocation', () => {
  it('takes a place name alone, trimmed', () => {
    expect(parseLocation(input('  School gate '))).toEqual({
      ok: true,
      place: { placeName: 'School gate' },
    });
  });

  it('takes coordinates alone or with a name, comma decimals too', () => {
    expect(parseLocation(input('', '31.23', '121,47'))).toEqual({
      ok: true,
      place: { coordinates: { lat: 31.23, lon: 121.47 } },
    });
    expect(parseLocation(input('Park', '-90', '180'))).toEqual({
      ok: true,
      place: { placeName: 'Park', coordinates: { lat: -90, lon: 180 } },
    });
  });

  it('refuses empty input and half coordinates', () => {
    expect(parseLocation(input('   '))).toEqual({ ok: false, error: 'errorEmpty' });
    expect(parseLocation(input('Park', '31'))).toEqual({ ok: false, error: 'errorBoth' });
    expect(parseLocation(input('', '', '121'))).toEqual({ ok: false, error: 'errorBoth' });
  });

  it('refuses coordinates out of range or not numbers', () => {
    expect(parseLocation(input('', '90.01', '0'))).toEqual({ ok: false, error: 'errorLat' });
    expect(parseLocation(input('', '-91', '0'))).toEqual({ ok: false, error: 'errorLat' });
    expect(parseLocation(input('', '0', '180.5'))).toEqual({ ok: false, error: 'errorLon' });
    expect(parseLocation(input('', 'north', '0'))).toEqual({ ok: false, error: 'errorLat' });
    expect(parseLocation(input('', '1e3', '0'))).toEqual({ ok: false, error: 'errorLat' });
    expect(parseLocation(input('', '0', 'Infinity'))).toEqual({ ok: false, error: 'errorLon' });
  });

  it('refuses a place name longer than the message format allows', () => {
    expect(parseLocation(input('x'.repeat(201)))).toEqual({ ok: false, error: 'errorLong' });
    expect(parseLocation(input('x'.repeat(200))).ok).toBe(true);
  });
});
