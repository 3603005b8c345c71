import type { DeviceInfo } from '@kidtalk/protocol';

/** What the SDK reports about a device when the app gives nothing better (P9, P12). */
export function defaultDevice(): DeviceInfo {
  let timezone = 'UTC';
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (/^[A-Za-z0-9_+\-/]+$/.test(tz)) timezone = tz;
  } catch {
    // Runtimes without time zone data: UTC is a valid answer.
  }
  return {
    os: 'kidtalk-sdk',
    model: '',
    appVersion: '0.1.0',
    language: 'en',
    timezone,
    permissions: { camera: 'unknown', microphone: 'unknown', photos: 'unknown' },
  };
}
