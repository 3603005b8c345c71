/** Who is calling, as established from a session token for one request. */
export interface AuthContext {
  accountId: string;
  kind: 'adult' | 'child';
  sessionId: string;
  deviceId: string;
}
