import { Type, type Static } from 'typebox';
import { PLAIN_TEXT, strict } from './common.js';

const Permission = Type.Union([
  Type.Literal('granted'),
  Type.Literal('denied'),
  Type.Literal('prompt'),
  Type.Literal('unknown'),
]);

/**
 * What a client reports about itself (P9, P12). This is the complete list: nothing else
 * from the device's settings is accepted, and there is deliberately no location field (P8).
 */
export const DeviceInfo = Type.Object(
  {
    os: Type.String({ minLength: 1, maxLength: 40, pattern: PLAIN_TEXT }),
    model: Type.String({ maxLength: 60, pattern: PLAIN_TEXT }),
    appVersion: Type.String({ minLength: 1, maxLength: 20, pattern: PLAIN_TEXT }),
    language: Type.String({
      minLength: 2,
      maxLength: 35,
      pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$',
    }),
    timezone: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_+\\-/]+$' }),
    permissions: Type.Object(
      { camera: Permission, microphone: Permission, photos: Permission },
      strict,
    ),
  },
  strict,
);
export type DeviceInfo = Static<typeof DeviceInfo>;

export const DeviceView = Type.Object(
  {
    id: Type.String(),
    os: Type.String(),
    model: Type.String(),
    appVersion: Type.String(),
    language: Type.String(),
    timezone: Type.String(),
    permissions: Type.Object({
      camera: Type.String(),
      microphone: Type.String(),
      photos: Type.String(),
    }),
    createdAt: Type.Integer(),
    lastSeenAt: Type.Integer(),
  },
  strict,
);
export type DeviceView = Static<typeof DeviceView>;
