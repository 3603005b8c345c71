import { describe, expect, it } from 'vitest';
import {
  checkVoice,
  fitWithin,
  MAX_VOICE_MS,
  pickVoiceMime,
  seconds,
  voiceDuration,
} from './media.js';

describe('voice notes', () => {
  it('are bounded to the limit and never zero', () => {
    expect(voiceDuration(90_000)).toBe(MAX_VOICE_MS);
    expect(voiceDuration(0)).toBe(1);
    expect(voiceDuration(1234.4)).toBe(1234);
  });

  it('shorter than half a second is refused', () => {
    expect(checkVoice(499)).toBe('tooShort');
    expect(checkVoice(500)).toBe('ok');
  });

  it('show whole seconds, rounded up', () => {
    expect(seconds(400)).toBe(1);
    expect(seconds(1000)).toBe(1);
    expect(seconds(1001)).toBe(2);
    expect(seconds(60_000)).toBe(60);
  });

  it('use the first supported format', () => {
    expect(pickVoiceMime((m) => m === 'audio/mp4')).toBe('audio/mp4');
    expect(pickVoiceMime(() => true)).toBe('audio/webm;codecs=opus');
    expect(pickVoiceMime(() => false)).toBeUndefined();
  });
});

describe('fitWithin', () => {
  it('scales big pictures down keeping their shape, never up', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1280, height: 960 });
    expect(fitWithin(1000, 3000, 300)).toEqual({ width: 100, height: 300 });
    expect(fitWithin(640, 480)).toEqual({ width: 640, height: 480 });
    expect(fitWithin(0, 0)).toEqual({ width: 1, height: 1 });
  });
});
