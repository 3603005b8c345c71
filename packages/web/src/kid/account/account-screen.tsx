import type { BuiltinAvatar, SelfProfile } from '@kidtalk/protocol';
import { isKidTalkError } from '@kidtalk/sdk';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../session/client-context.js';
import { Loading } from '../../shell/loading.js';
import { Button } from '../../ui/button.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Screen } from '../../ui/screen.js';
import { TextField } from '../../ui/text-field.js';
import '../friends/kid-screens.css';
import { isBuiltinAvatar } from '../../ui/profile-picture.js';
import { useLoad } from '../friends/use-load.js';
import { AvatarPicker } from './avatar-picker.js';
import { DeleteAccount } from './delete-account.js';
import { Devices } from './devices.js';
import type { GrownUpCheckProps } from './grown-up-check.js';
import { GrownUpCheck, useAccountApi } from './grown-up-check.js';

interface Draft {
  displayName: string;
  avatar: BuiltinAvatar | undefined;
}

function Profile({
  profile,
  token,
  onSpent,
  askGrownUp,
  saved,
  onSaved,
}: {
  profile: SelfProfile;
  /** The elevation the gate's PIN gave, until a save spends it. */
  token: string | undefined;
  onSpent: () => void;
  askGrownUp: (check: GrownUpCheckProps | undefined) => void;
  /** Shown after a save; the screen reloads the profile then. */
  saved: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const account = useAccountApi();
  const [draft, setDraft] = useState<Draft>({
    displayName: profile.displayName,
    avatar:
      profile.avatar.kind === 'builtin' && isBuiltinAvatar(profile.avatar.id)
        ? profile.avatar.id
        : undefined,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const save = async (elevation: string) => {
    await account.updateChildProfile(
      {
        displayName: draft.displayName.trim(),
        ...(draft.avatar && { avatar: { kind: 'builtin' as const, id: draft.avatar } }),
      },
      elevation,
    );
    onSaved();
  };

  const askPin = () =>
    askGrownUp({
      action: 'profile.update',
      reason: t('kidScreens.account.gateReason'),
      onElevated: async (elevation) => {
        await save(elevation);
        askGrownUp(undefined);
      },
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    if (!token) return askPin();
    setBusy(true);
    onSpent();
    try {
      await save(token);
    } catch (err) {
      // The gate's token expired or was spent: the PIN once more, then the same save.
      if (isKidTalkError(err) && err.code.startsWith('ELEVATION_')) askPin();
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="kt-form kt-stack kt-ks-section"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="kt-ks-profile"
      data-testid="account-profile"
    >
      <h2 id="kt-ks-profile">{t('kidScreens.account.profile')}</h2>
      <TextField
        label={t('kidScreens.account.nameLabel')}
        value={draft.displayName}
        maxLength={40}
        required
        onChange={(e) => setDraft({ ...draft, displayName: e.target.value })}
        data-testid="account-name"
      />
      <AvatarPicker value={draft.avatar} onChange={(avatar) => setDraft({ ...draft, avatar })} />
      <Button
        type="submit"
        icon="💾"
        busy={busy}
        disabled={draft.displayName.trim() === ''}
        data-testid="account-save"
      >
        {t('kidScreens.account.save')}
      </Button>
      <ErrorMessage error={error} />
      {saved ? (
        <p className="kt-ks-note" role="status">
          {t('kidScreens.account.saved')}
        </p>
      ) : null}
    </form>
  );
}

/**
 * The account, behind the PIN: profile (name, built-in picture), devices, delete. Opening it
 * asks for the PIN once ('profile.update'); the token it gives is spent by the first save.
 */
export function AccountScreen() {
  const { t } = useTranslation();
  const account = useAccountApi();
  const [open, setOpen] = useState(false);
  const [token, setToken] = useState<string>();
  const [saves, setSaves] = useState(0);
  // Nothing is loaded before the PIN opened the screen.
  const [load] = useLoad(
    () => (open ? account.profile() : Promise.resolve(undefined)),
    `${open}:${saves}`,
  );
  const [check, setCheck] = useState<GrownUpCheckProps>();
  const [deleted, setDeleted] = useState(false);
  const { signOut } = useClient();

  if (!open) {
    return (
      <GrownUpCheck
        action="profile.update"
        reason={t('kidScreens.account.gateReason')}
        onElevated={async (elevation) => {
          setToken(elevation);
          setOpen(true);
        }}
      />
    );
  }
  if (check) return <GrownUpCheck {...check} />;
  if (deleted) {
    return (
      <Screen title={t('kidScreens.account.delete')}>
        <div className="kt-stack" role="status" data-testid="account-deleted">
          <p className="kt-lead">{t('kidScreens.account.deleted')}</p>
          <Button onClick={() => void signOut()}>{t('kidScreens.common.close')}</Button>
        </div>
      </Screen>
    );
  }
  return (
    <Screen title={t('kidScreens.account.title')} back>
      <div className="kt-stack">
        {load.state === 'loading' ? <Loading /> : null}
        {load.state === 'failed' ? <ErrorMessage error={load.error} /> : null}
        {load.state === 'ready' && load.data ? (
          <Profile
            profile={load.data}
            token={token}
            onSpent={() => setToken(undefined)}
            askGrownUp={setCheck}
            saved={saves > 0}
            onSaved={() => setSaves((n) => n + 1)}
          />
        ) : null}
        <Devices />
        <DeleteAccount askGrownUp={setCheck} onDeleted={() => setDeleted(true)} />
      </div>
    </Screen>
  );
}
