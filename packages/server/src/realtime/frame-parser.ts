import type { ClientFrame } from '@kidtalk/protocol';
import { AckFrame, ErrorCode, HelloFrame, PingFrame, SendFrame } from '@kidtalk/protocol';
import { Compile } from 'typebox/compile';

const validators = {
  hello: Compile(HelloFrame),
  send: Compile(SendFrame),
  ack: Compile(AckFrame),
  ping: Compile(PingFrame),
};

export type ParseResult =
  { ok: true; frame: ClientFrame } | { ok: false; code: ErrorCode; message: string; id?: string };

/**
 * Every client frame passes here before any work: JSON, a known `t`, exactly the schema's
 * fields. Errors name the frame's clientMsgId when it had a usable one, so the client can tell
 * which send failed.
 */
export function parseClientFrame(raw: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, code: ErrorCode.MalformedJson, message: 'frame is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, code: ErrorCode.InvalidRequest, message: 'frame must be an object' };
  }
  const t = (value as { t?: unknown }).t;
  const id = (value as { id?: unknown }).id;
  const ref = typeof id === 'string' && id.length <= 64 ? { id } : {};
  // Own keys only: `in` also finds Object.prototype's, and {"t":"constructor"} would then
  // reach a validator that does not exist and throw (an unhandled rejection kills the process).
  if (typeof t !== 'string' || !Object.hasOwn(validators, t)) {
    return { ok: false, code: ErrorCode.InvalidRequest, message: 'unknown frame type', ...ref };
  }
  if (!validators[t as keyof typeof validators].Check(value)) {
    return { ok: false, code: ErrorCode.InvalidRequest, message: `invalid ${t} frame`, ...ref };
  }
  return { ok: true, frame: value as ClientFrame };
}
