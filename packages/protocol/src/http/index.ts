export * from './auth.js';
export * from './children.js';
export * from './common.js';
export * from './consent.js';
export * from './device.js';
export * from './notifications.js';
export * from './profile.js';
