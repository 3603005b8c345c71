import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from './bytes.js';
import { CryptoError } from './errors.js';

/*
 * What travels inside the MLS ciphertext: a versioned, typed union, JSON-encoded. JSON keeps the
 * format debuggable and language-neutral; all bytes are base64url strings. Decoding never
 * throws: anything we cannot use becomes { type: 'unknown' } so one bad or newer message cannot
 * break a conversation.
 */

export const BODY_VERSION = 1;
export const MAX_BODY_BYTES = 64 * 1024;
const MAX_TEXT = 4000;
const MAX_SDP = 16 * 1024;
const MAX_ID = 128;

export interface AttachmentRef {
  /** Server blob ID, opaque. */
  readonly blobId: string;
  readonly key: Uint8Array;
  readonly sha256: Uint8Array;
  readonly size: number;
  readonly mime: string;
}

/** Location is only ever typed or picked by hand (P8); the marker is part of the type. */
export interface ManualLocation {
  readonly type: 'location';
  readonly source: 'manual';
  readonly placeName?: string;
  readonly coordinates?: { readonly lat: number; readonly lon: number };
}

export type MessageContent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'sticker'; readonly pack: string; readonly sticker: string }
  | {
      readonly type: 'image';
      readonly attachment: AttachmentRef;
      readonly width: number;
      readonly height: number;
      readonly caption?: string;
    }
  | { readonly type: 'voice'; readonly attachment: AttachmentRef; readonly durationMs: number }
  | {
      readonly type: 'drawing';
      readonly attachment: AttachmentRef;
      readonly width: number;
      readonly height: number;
    }
  | ManualLocation
  | {
      readonly type: 'game_move';
      readonly game: string;
      readonly session: string;
      readonly seq: number;
      readonly move: string;
    }
  | {
      readonly type: 'reaction';
      readonly target: string;
      readonly emoji: string;
      readonly remove?: boolean;
    }
  | {
      readonly type: 'receipt';
      readonly kind: 'delivered' | 'read';
      readonly targets: readonly string[];
    }
  | { readonly type: 'typing'; readonly state: 'started' | 'stopped' }
  | {
      readonly type: 'call_offer';
      readonly callId: string;
      readonly sdp: string;
      readonly video: boolean;
    }
  | { readonly type: 'call_answer'; readonly callId: string; readonly sdp: string }
  | {
      readonly type: 'call_ice';
      readonly callId: string;
      readonly candidate: string;
      readonly sdpMid: string | null;
      readonly sdpMLineIndex: number | null;
    }
  | {
      readonly type: 'call_end';
      readonly callId: string;
      readonly reason: 'hangup' | 'declined' | 'busy' | 'timeout' | 'failed';
    };

export interface UnknownContent {
  readonly type: 'unknown';
  /** 'unsupported' = a type or version from a newer client; 'malformed' = failed validation. */
  readonly reason: 'unsupported' | 'malformed';
  readonly originalType?: string;
}

export interface MessageBody {
  /** Client-chosen message ID, the target of reactions and receipts. */
  readonly id: string;
  /** Sender's clock, ms; informative only (the server's relay time is authoritative). */
  readonly sentAt: number;
  readonly content: MessageContent;
}

export interface DecodedBody {
  readonly id: string;
  readonly sentAt: number;
  readonly content: MessageContent | UnknownContent;
}

type Json = Record<string, unknown>;

class Invalid extends Error {}

function fail(what: string): never {
  throw new Invalid(what);
}

function obj(v: unknown, what: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(what);
  return v as Json;
}

function exactKeys(o: Json, required: readonly string[], optional: readonly string[] = []): void {
  for (const k of required) if (!(k in o)) fail(`missing ${k}`);
  for (const k of Object.keys(o))
    if (!required.includes(k) && !optional.includes(k)) fail(`extra ${k}`);
}

function str(v: unknown, what: string, max: number, min = 1): string {
  if (typeof v !== 'string' || v.length < min || v.length > max) fail(what);
  return v;
}

function int(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(what);
  return v;
}

function oneOf<T extends string>(v: unknown, what: string, options: readonly T[]): T {
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) fail(what);
  return v as T;
}

function bytes(v: unknown, what: string, length: number): Uint8Array {
  if (typeof v !== 'string') fail(what);
  let out: Uint8Array;
  try {
    out = fromBase64Url(v);
  } catch {
    fail(what);
  }
  if (out.length !== length) fail(what);
  return out;
}

function attachment(v: unknown): AttachmentRef {
  const o = obj(v, 'attachment');
  exactKeys(o, ['blobId', 'key', 'sha256', 'size', 'mime']);
  return {
    blobId: str(o.blobId, 'blobId', MAX_ID),
    key: bytes(o.key, 'key', 32),
    sha256: bytes(o.sha256, 'sha256', 32),
    size: int(o.size, 'size', 1, 25 * 1024 * 1024),
    mime: str(o.mime, 'mime', 100),
  };
}

function coordinate(v: unknown, what: string, limit: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > limit) fail(what);
  return v;
}

function content(v: unknown): MessageContent {
  const o = obj(v, 'content');
  switch (o.type) {
    case 'text':
      exactKeys(o, ['type', 'text']);
      return { type: 'text', text: str(o.text, 'text', MAX_TEXT) };
    case 'sticker':
      exactKeys(o, ['type', 'pack', 'sticker']);
      return {
        type: 'sticker',
        pack: str(o.pack, 'pack', MAX_ID),
        sticker: str(o.sticker, 'sticker', MAX_ID),
      };
    case 'image':
    case 'drawing': {
      exactKeys(
        o,
        ['type', 'attachment', 'width', 'height'],
        o.type === 'image' ? ['caption'] : [],
      );
      const base = {
        attachment: attachment(o.attachment),
        width: int(o.width, 'width', 1, 20000),
        height: int(o.height, 'height', 1, 20000),
      };
      if (o.type === 'drawing') return { type: 'drawing', ...base };
      return o.caption === undefined
        ? { type: 'image', ...base }
        : { type: 'image', ...base, caption: str(o.caption, 'caption', MAX_TEXT) };
    }
    case 'voice':
      exactKeys(o, ['type', 'attachment', 'durationMs']);
      return {
        type: 'voice',
        attachment: attachment(o.attachment),
        durationMs: int(o.durationMs, 'durationMs', 1, 10 * 60 * 1000),
      };
    case 'location': {
      exactKeys(o, ['type', 'source'], ['placeName', 'coordinates']);
      // P8: anything but a hand-entered location is refused, whatever else it carries.
      if (o.source !== 'manual') fail('location source must be manual');
      if (o.placeName === undefined && o.coordinates === undefined) fail('empty location');
      let loc: ManualLocation = { type: 'location', source: 'manual' };
      if (o.placeName !== undefined)
        loc = { ...loc, placeName: str(o.placeName, 'placeName', 200) };
      if (o.coordinates !== undefined) {
        const c = obj(o.coordinates, 'coordinates');
        exactKeys(c, ['lat', 'lon']);
        loc = {
          ...loc,
          coordinates: { lat: coordinate(c.lat, 'lat', 90), lon: coordinate(c.lon, 'lon', 180) },
        };
      }
      return loc;
    }
    case 'game_move':
      exactKeys(o, ['type', 'game', 'session', 'seq', 'move']);
      return {
        type: 'game_move',
        game: str(o.game, 'game', MAX_ID),
        session: str(o.session, 'session', MAX_ID),
        seq: int(o.seq, 'seq', 0, 1_000_000),
        move: str(o.move, 'move', 2048),
      };
    case 'reaction':
      exactKeys(o, ['type', 'target', 'emoji'], ['remove']);
      if (o.remove !== undefined && typeof o.remove !== 'boolean') fail('remove');
      return {
        type: 'reaction',
        target: str(o.target, 'target', MAX_ID),
        emoji: str(o.emoji, 'emoji', 32),
        ...(o.remove === undefined ? {} : { remove: o.remove }),
      };
    case 'receipt': {
      exactKeys(o, ['type', 'kind', 'targets']);
      if (!Array.isArray(o.targets) || o.targets.length === 0 || o.targets.length > 500)
        fail('targets');
      return {
        type: 'receipt',
        kind: oneOf(o.kind, 'kind', ['delivered', 'read'] as const),
        targets: o.targets.map((t) => str(t, 'target', MAX_ID)),
      };
    }
    case 'typing':
      exactKeys(o, ['type', 'state']);
      return { type: 'typing', state: oneOf(o.state, 'state', ['started', 'stopped'] as const) };
    case 'call_offer':
      exactKeys(o, ['type', 'callId', 'sdp', 'video']);
      if (typeof o.video !== 'boolean') fail('video');
      return {
        type: 'call_offer',
        callId: str(o.callId, 'callId', MAX_ID),
        sdp: str(o.sdp, 'sdp', MAX_SDP),
        video: o.video,
      };
    case 'call_answer':
      exactKeys(o, ['type', 'callId', 'sdp']);
      return {
        type: 'call_answer',
        callId: str(o.callId, 'callId', MAX_ID),
        sdp: str(o.sdp, 'sdp', MAX_SDP),
      };
    case 'call_ice':
      exactKeys(o, ['type', 'callId', 'candidate', 'sdpMid', 'sdpMLineIndex']);
      return {
        type: 'call_ice',
        callId: str(o.callId, 'callId', MAX_ID),
        candidate: str(o.candidate, 'candidate', 2048, 0),
        sdpMid: o.sdpMid === null ? null : str(o.sdpMid, 'sdpMid', 64),
        sdpMLineIndex:
          o.sdpMLineIndex === null ? null : int(o.sdpMLineIndex, 'sdpMLineIndex', 0, 255),
      };
    case 'call_end':
      exactKeys(o, ['type', 'callId', 'reason']);
      return {
        type: 'call_end',
        callId: str(o.callId, 'callId', MAX_ID),
        reason: oneOf(o.reason, 'reason', [
          'hangup',
          'declined',
          'busy',
          'timeout',
          'failed',
        ] as const),
      };
    default:
      throw new UnsupportedType(typeof o.type === 'string' ? o.type.slice(0, MAX_ID) : undefined);
  }
}

class UnsupportedType extends Error {
  constructor(readonly originalType: string | undefined) {
    super('unsupported type');
  }
}

function toJson(c: MessageContent): Json {
  const withBytes = (a: AttachmentRef): Json => ({
    ...a,
    key: toBase64Url(a.key),
    sha256: toBase64Url(a.sha256),
  });
  if (c.type === 'image' || c.type === 'voice' || c.type === 'drawing') {
    return { ...c, attachment: withBytes(c.attachment) };
  }
  return { ...c };
}

/** Validates as strictly as decode does, so we never send what a peer would refuse. */
export function encodeBody(body: MessageBody): Uint8Array {
  const json = { v: BODY_VERSION, id: body.id, sentAt: body.sentAt, content: toJson(body.content) };
  const out = utf8(JSON.stringify(json));
  if (out.length > MAX_BODY_BYTES) throw new CryptoError('BODY_INVALID', 'message body too large');
  try {
    str(body.id, 'id', MAX_ID);
    int(body.sentAt, 'sentAt', 0, Number.MAX_SAFE_INTEGER);
    content(JSON.parse(JSON.stringify(json.content)));
  } catch (err) {
    if (err instanceof Invalid || err instanceof UnsupportedType) {
      throw new CryptoError('BODY_INVALID', `invalid message body: ${err.message}`);
    }
    throw err;
  }
  return out;
}

export function decodeBody(bytes: Uint8Array): DecodedBody {
  const unknown = (reason: UnknownContent['reason'], originalType?: string): DecodedBody => ({
    id: '',
    sentAt: 0,
    content:
      originalType === undefined
        ? { type: 'unknown', reason }
        : { type: 'unknown', reason, originalType },
  });
  if (bytes.length > MAX_BODY_BYTES) return unknown('malformed');
  let json: Json;
  try {
    json = obj(JSON.parse(fromUtf8(bytes)), 'body');
  } catch {
    return unknown('malformed');
  }
  let id = '';
  let sentAt = 0;
  try {
    id = str(json.id, 'id', MAX_ID);
    sentAt = int(json.sentAt, 'sentAt', 0, Number.MAX_SAFE_INTEGER);
    if (json.v !== BODY_VERSION) {
      return { id, sentAt, content: { type: 'unknown', reason: 'unsupported' } };
    }
    exactKeys(json, ['v', 'id', 'sentAt', 'content']);
    return { id, sentAt, content: content(json.content) };
  } catch (err) {
    if (err instanceof UnsupportedType) {
      const c: UnknownContent =
        err.originalType === undefined
          ? { type: 'unknown', reason: 'unsupported' }
          : { type: 'unknown', reason: 'unsupported', originalType: err.originalType };
      return { id, sentAt, content: c };
    }
    return { id, sentAt, content: { type: 'unknown', reason: 'malformed' } };
  }
}
