import type { ElevatedAction } from '@kidtalk/protocol';
import { AccountApi } from '@kidtalk/sdk';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../session/client-context.js';
import { errorKey } from '../../ui/error-message.js';
import { GrownUpNeeded } from '../../ui/grown-up-needed.js';
import { pinProblem } from './pin-error.js';

export function useAccountApi(): AccountApi {
  const { client } = useClient();
  return useMemo(
    () => new AccountApi(client.http, () => client.session?.accountId ?? ''),
    [client],
  );
}

export interface GrownUpCheckProps {
  action: ElevatedAction;
  /** Why the device goes to a grown-up, in the child's words. */
  reason: string;
  /**
   * Runs the action with the single-use token the PIN gave. A failure shows on the pad (a
   * wrong PIN, a lock, an expired token) and the grown-up can try again.
   */
  onElevated: (elevationToken: string) => Promise<void>;
}

/** "Grown-up needed": the PIN becomes a token for exactly this action, then the action runs. */
export function GrownUpCheck({ action, reason, onElevated }: GrownUpCheckProps) {
  const { t } = useTranslation();
  const account = useAccountApi();
  const [error, setError] = useState<string>();

  const submit = async (pin: string) => {
    setError(undefined);
    try {
      const { elevationToken } = await account.elevate(pin, action);
      await onElevated(elevationToken);
    } catch (err) {
      const problem = pinProblem(err);
      if (!problem) setError(t(errorKey(err)));
      else if (problem.key === 'kidScreens.account.pinLocked')
        setError(t(problem.key, { minutes: problem.minutes }));
      else setError(t(problem.key));
    }
  };

  return <GrownUpNeeded reason={reason} onSubmit={submit} error={error} />;
}
