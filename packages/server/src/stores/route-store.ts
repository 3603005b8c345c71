/** A member of a conversation with what the pair rule needs to know about the account. */
export interface RouteMemberRow {
  conversation_id: string;
  account_id: string;
  kind: 'adult' | 'child';
  status: 'active' | 'banned';
}

/** An ordered pair of accounts: (owner, contact) or (blocker, blocked). */
export type AccountPair = readonly [string, string];

/**
 * The rows a route is made of, read many routes at a time: every sender's first message after
 * a start, or after a narrowing policy change drops every node's route cache, asks at once.
 * `SqliteRouteStore` probes with statements prepared once on the raw handle (a probe costs
 * microseconds, while compiling and preparing a statement with a different IN list each round
 * cost milliseconds); `PgRouteStore` sends one statement per question, as round trips dominate.
 */
export interface RouteStore {
  members(conversationIds: readonly string[]): Promise<RouteMemberRow[]>;
  /** Which of `pairs` are contact rows, and which are blocks. */
  links(pairs: readonly AccountPair[]): Promise<{ contacts: AccountPair[]; blocks: AccountPair[] }>;
  /** Devices of the accounts, each account's in device id order. */
  devices(accountIds: readonly string[]): Promise<{ id: string; account_id: string }[]>;
}
