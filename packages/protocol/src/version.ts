// Bumped on any breaking change to frames or bodies; clients send it when they connect.
export const PROTOCOL_VERSION = 1;
