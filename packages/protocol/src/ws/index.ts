export * from './frames.js';
export * from './client-msg-id.js';
