import { ErrorBody } from '@kidtalk/protocol';

/** Documents which typed errors a route can answer with, for the OpenAPI page. */
export function errors(...statuses: number[]): Record<number, typeof ErrorBody> {
  return Object.fromEntries([400, ...statuses].map((s) => [s, ErrorBody]));
}

export const secured = [{ session: [] }];
