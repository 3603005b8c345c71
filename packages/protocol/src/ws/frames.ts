import { Type, type Static } from 'typebox';
import { strict } from '../http/common.js';

/**
 * The realtime wire format. Frames are JSON text messages; binary fields are base64url.
 * The server's cost does not depend on encryption: it relays opaque MLS messages and never
 * parses them. Every client frame is validated before any work, and a bad one is answered with
 * an `error` frame (or a close code), never silently dropped.
 */

export const WS_PATH = '/v1/ws';
/** Largest frame the server accepts; larger ones close the socket with 1009 before buffering. */
export const MAX_FRAME_BYTES = 128 * 1024;
/** A client must say hello within this time or is closed with 4002. */
export const HELLO_TIMEOUT_MS = 10_000;

const B64 = (maxLength: number) => Type.String({ maxLength, pattern: '^[A-Za-z0-9_-]*$' });
const ClientMsgId = Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const ConvId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/** What kind of MLS payload a mailbox entry carries, so clients route it without parsing. */
export const ENTRY_KINDS = ['app', 'commit', 'welcome', 'proposal'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

// ── client → server ────────────────────────────────────────────────────────────────────────

export const HelloFrame = Type.Object(
  {
    t: Type.Literal('hello'),
    v: Type.Integer({ minimum: 1, maximum: 1000 }),
    token: Type.String({ minLength: 20, maxLength: 100 }),
  },
  strict,
);

/**
 * An MLS application message for a conversation. `frank` is the franking tag that travels
 * beside the ciphertext; the server countersigns it. `eph` marks typing indicators and other
 * ephemeral content: delivered to online devices only, never stored.
 */
export const SendFrame = Type.Object(
  {
    t: Type.Literal('send'),
    id: ClientMsgId,
    conv: ConvId,
    epoch: Type.Integer({ minimum: 0 }),
    body: B64(MAX_FRAME_BYTES),
    frank: B64(64),
    eph: Type.Optional(Type.Boolean()),
  },
  strict,
);
export type SendFrame = Static<typeof SendFrame>;

/** Acknowledges delivered entries by sequence number; the server deletes them at once (P3). */
export const AckFrame = Type.Object(
  {
    t: Type.Literal('ack'),
    seqs: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 512 }),
  },
  strict,
);
export type AckFrame = Static<typeof AckFrame>;

export const PingFrame = Type.Object(
  { t: Type.Literal('ping'), id: Type.Optional(Type.Integer({ minimum: 0 })) },
  strict,
);

export const ClientFrame = Type.Union([HelloFrame, SendFrame, AckFrame, PingFrame]);
export type ClientFrame = Static<typeof ClientFrame>;

// ── server → client ────────────────────────────────────────────────────────────────────────

export interface ReadyFrame {
  t: 'ready';
  v: number;
  accountId: string;
  deviceId: string;
  /** Largest number of unacknowledged entries the server keeps in flight on this socket. */
  window: number;
}

/** The message is durable on the server: it will reach every recipient device or expire. */
export interface SentFrame {
  t: 'sent';
  id: string;
  /** Server time the message was accepted, bound into the countersignature. */
  ts: number;
  /** The server's franking countersignature, kept by recipients for reports. */
  sig: string;
}

export interface MsgFrame {
  t: 'msg';
  seq: number;
  kind: EntryKind;
  conv: string;
  from: string;
  dev: string;
  id: string;
  epoch: number;
  body: string;
  frank: string;
  sig: string;
  ts: number;
  eph?: true;
}

/** Everything stored for this device while it was offline has now been sent. */
export interface DrainedFrame {
  t: 'drained';
}

export interface PresenceFrame {
  t: 'presence';
  /** Public ID of an approved contact. */
  who: string;
  online: boolean;
}

/** The device has fewer unused KeyPackages than it should; upload more. */
export interface KeyPackagesLowFrame {
  t: 'kp_low';
  remaining: number;
}

export interface ErrorFrame {
  t: 'error';
  /** The clientMsgId the error is about, when there is one. */
  id?: string;
  code: string;
  message: string;
  retryAfterSec?: number;
}

export interface PongFrame {
  t: 'pong';
  id?: number;
}

export type ServerFrame =
  | ReadyFrame
  | SentFrame
  | MsgFrame
  | DrainedFrame
  | PresenceFrame
  | KeyPackagesLowFrame
  | ErrorFrame
  | PongFrame;

/** WebSocket close codes the server uses, beyond the standard 1000/1001/1008/1009. */
export const CloseCode = {
  GoingAway: 1001,
  PolicyViolation: 1008,
  TooBig: 1009,
  ProtocolError: 4000,
  Replaced: 4001,
  Unauthenticated: 4002,
  UnsupportedVersion: 4003,
  TooSlow: 4004,
  Revoked: 4005,
} as const;
