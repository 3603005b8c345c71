/** A place typed by hand (P8): nothing here ever asks the device where it is. */
export interface LocationInput {
  placeName: string;
  lat: string;
  lon: string;
}

export interface ManualPlace {
  placeName?: string;
  coordinates?: { lat: number; lon: number };
}

export type LocationError = 'errorEmpty' | 'errorBoth' | 'errorLat' | 'errorLon' | 'errorLong';

export const MAX_PLACE_NAME = 200;

/** Accepts "31.23" and "31,23"; anything else that is not a plain number is refused. */
function number(raw: string): number | undefined {
  const s = raw.trim().replace(',', '.');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  return Number(s);
}

export function parseLocation(
  input: LocationInput,
): { ok: true; place: ManualPlace } | { ok: false; error: LocationError } {
  const placeName = input.placeName.trim();
  const lat = input.lat.trim();
  const lon = input.lon.trim();
  if (placeName.length > MAX_PLACE_NAME) return { ok: false, error: 'errorLong' };
  if (!lat && !lon) {
    return placeName ? { ok: true, place: { placeName } } : { ok: false, error: 'errorEmpty' };
  }
  if (!lat || !lon) return { ok: false, error: 'errorBoth' };
  const la = number(lat);
  if (la === undefined || la < -90 || la > 90) return { ok: false, error: 'errorLat' };
  const lo = number(lon);
  if (lo === undefined || lo < -180 || lo > 180) return { ok: false, error: 'errorLon' };
  return {
    ok: true,
    place: { ...(placeName && { placeName }), coordinates: { lat: la, lon: lo } },
  };
}
