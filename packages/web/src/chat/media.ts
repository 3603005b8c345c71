/** Voice notes are short on purpose: a child's message, not a recording session. */
export const MAX_VOICE_MS = 60_000;
/** Shorter than this is a slip of the finger, not a message. */
export const MIN_VOICE_MS = 500;
/** Photos are scaled down before they are encrypted and sent. */
export const MAX_PHOTO_SIDE = 1280;
/** Larger picked files are refused before they are even decoded. */
export const MAX_PICKED_BYTES = 20 * 1024 * 1024;

export type VoiceCheck = 'ok' | 'tooShort';

/** The duration a voice note is sent with: at least 1 ms, at most the limit. */
export function voiceDuration(elapsedMs: number): number {
  return Math.min(MAX_VOICE_MS, Math.max(1, Math.round(elapsedMs)));
}

export function checkVoice(elapsedMs: number): VoiceCheck {
  return elapsedMs < MIN_VOICE_MS ? 'tooShort' : 'ok';
}

/** Whole seconds, rounded up, so a 0.4 s note is "1 second", never "0". */
export function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** The first recording format the browser supports (Chromium: WebM/Opus; Safari: MP4). */
export function pickVoiceMime(isSupported: (mime: string) => boolean): string | undefined {
  return ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'].find(
    isSupported,
  );
}

/** Scales a picture to fit a square of `max`, keeping its shape; never scales up. */
export function fitWithin(
  width: number,
  height: number,
  max = MAX_PHOTO_SIDE,
): { width: number; height: number } {
  const w = Math.max(1, Math.round(width));
  const h = Math.max(1, Math.round(height));
  const scale = Math.min(1, max / Math.max(w, h));
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}
