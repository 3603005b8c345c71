import { describe, expect, it } from 'vitest';
import { isCryptoError } from './errors.js';
import { decodeBody, encodeBody, MAX_BODY_BYTES } from './message-body.js';
import type { MessageBody, MessageContent } from './message-body.js';
import { utf8 } from './bytes.js';

const att = {
  blobId: 'blob-1',
  key: new Uint8Array(32).fill(1),
  sha256: new Uint8Array(32).fill(2),
  size: 1234,
  mime: 'image/webp',
};

const samples: MessageContent[] = [
  { type: 'text', text: 'hello 👋' },
  { type: 'sticker', pack: 'animals', sticker: 'cat-wave' },
  { type: 'image', attachment: att, width: 640, height: 480, caption: 'my cat' },
  { type: 'voice', attachment: att, durationMs: 4200 },
  { type: 'drawing', attachment: att, width: 300, height: 300 },
  { type: 'location', source: 'manual', placeName: 'Grandma’s house' },
  { type: 'location', source: 'manual', coordinates: { lat: 48.85, lon: 2.35 } },
  { type: 'game_move', game: 'tic-tac-toe', session: 's1', seq: 3, move: '{"x":1,"y":2}' },
  { type: 'reaction', target: 'm1', emoji: '❤️' },
  { type: 'reaction', target: 'm1', emoji: '❤️', remove: true },
  { type: 'receipt', kind: 'read', targets: ['m1', 'm2'] },
  { type: 'typing', state: 'started' },
  { type: 'call_offer', callId: 'c1', sdp: 'v=0...', video: true },
  { type: 'call_answer', callId: 'c1', sdp: 'v=0...' },
  {
    type: 'call_ice',
    callId: 'c1',
    candidate: 'candidate:1 1 udp ...',
    sdpMid: '0',
    sdpMLineIndex: 0,
  },
  { type: 'call_end', callId: 'c1', reason: 'hangup' },
];

const body = (content: MessageContent): MessageBody => ({ id: 'm9', sentAt: 1, content });
const raw = (json: unknown) => utf8(JSON.stringify(json));

describe('message body', () => {
  it('round-trips every variant', () => {
    for (const c of samples) expect(decodeBody(encodeBody(body(c)))).toEqual(body(c));
  });

  it('refuses a location that was not entered by hand (P8)', () => {
    const gps = { type: 'location', source: 'gps', coordinates: { lat: 1, lon: 2 } };
    expect(() => encodeBody(body(gps as unknown as MessageContent))).toThrow(/manual/);
    const decoded = decodeBody(raw({ v: 1, id: 'x', sentAt: 1, content: gps }));
    expect(decoded.content).toEqual({ type: 'unknown', reason: 'malformed' });
    const noSource = { type: 'location', placeName: 'Park' };
    expect(decodeBody(raw({ v: 1, id: 'x', sentAt: 1, content: noSource })).content.type).toBe(
      'unknown',
    );
  });

  it('decodes unknown types and versions to an unknown variant, never throws', () => {
    expect(
      decodeBody(raw({ v: 1, id: 'x', sentAt: 1, content: { type: 'hologram' } })).content,
    ).toEqual({
      type: 'unknown',
      reason: 'unsupported',
      originalType: 'hologram',
    });
    expect(decodeBody(raw({ v: 2, id: 'x', sentAt: 1, content: {} })).content).toEqual({
      type: 'unknown',
      reason: 'unsupported',
    });
    for (const junk of [
      new Uint8Array([0xff, 0xfe]),
      utf8('not json'),
      utf8('[]'),
      utf8('null'),
      new Uint8Array(MAX_BODY_BYTES + 1),
    ]) {
      expect(decodeBody(junk).content.type).toBe('unknown');
    }
  });

  it('rejects extra fields, wrong types and oversize values', () => {
    const bad: unknown[] = [
      { type: 'text', text: 'hi', html: '<b>' },
      { type: 'text', text: '' },
      { type: 'text', text: 'x'.repeat(4001) },
      { type: 'image', attachment: { ...att, key: 'short' }, width: 1, height: 1 },
      { type: 'location', source: 'manual', coordinates: { lat: 91, lon: 0 } },
      { type: 'receipt', kind: 'seen', targets: ['m1'] },
      { type: 'call_offer', callId: 'c', sdp: 'x'.repeat(20_000), video: false },
    ];
    for (const c of bad) {
      expect(decodeBody(raw({ v: 1, id: 'x', sentAt: 1, content: c })).content).toEqual({
        type: 'unknown',
        reason: 'malformed',
      });
      try {
        encodeBody(body(c as MessageContent));
        expect.fail('encode accepted an invalid body');
      } catch (err) {
        expect(isCryptoError(err, 'BODY_INVALID')).toBe(true);
      }
    }
  });
});
