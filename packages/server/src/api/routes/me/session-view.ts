import type { SessionView } from '@kidtalk/protocol';
import type { SessionWithDevice } from '../../../stores/session-store.js';

/** The last IP is kept for abuse handling (P12) but not shown back in lists. */
export function toSessionView(s: SessionWithDevice, currentSessionId: string | null): SessionView {
  const d = s.device;
  return {
    id: s.id,
    current: s.id === currentSessionId,
    createdAt: s.created_at,
    lastUsedAt: s.last_used_at,
    device: {
      id: d.id,
      os: d.os,
      model: d.model,
      appVersion: d.app_version,
      language: d.language,
      timezone: d.timezone,
      permissions: { camera: d.perm_camera, microphone: d.perm_microphone, photos: d.perm_photos },
      createdAt: d.created_at,
      lastSeenAt: d.last_seen_at,
    },
  };
}
