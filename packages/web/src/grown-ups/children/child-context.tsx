import type { ChildProfile } from '@kidtalk/protocol';
import { createContext, use } from 'react';

export interface ChildValue {
  child: ChildProfile;
  /** Replace the child after a change the server answered with the new profile. */
  update: (child: ChildProfile) => void;
  reload: () => void;
}

export const ChildContext = createContext<ChildValue | undefined>(undefined);

export function useChild(): ChildValue {
  const value = use(ChildContext);
  if (!value) throw new Error('useChild outside a child route');
  return value;
}
