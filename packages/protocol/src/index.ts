export * from './errors.js';
export * from './http/index.js';
export * from './version.js';
export * from './ws/index.js';
