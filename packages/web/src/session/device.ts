import type { DeviceInfo } from '@kidtalk/protocol';

/**
 * What this browser says about itself at sign-in (P9, P12): coarse OS and form factor, language
 * and time zone. Nothing about location, ever (P8).
 */
export function browserDevice(language: string): DeviceInfo {
  const ua = globalThis.navigator?.userAgent ?? '';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : 'Other';
  const model = /Mobi/.test(ua) ? 'Phone' : /iPad|Tablet/.test(ua) ? 'Tablet' : 'Browser';
  let timezone = 'UTC';
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (/^[A-Za-z0-9_+\-/]+$/.test(tz)) timezone = tz;
  } catch {
    // No time zone data: UTC is a valid answer.
  }
  return {
    os,
    model,
    appVersion: '0.1.0',
    language,
    timezone,
    permissions: { camera: 'unknown', microphone: 'unknown', photos: 'unknown' },
  };
}
