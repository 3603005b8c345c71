import type { BuiltinAvatar, SelfProfile } from '@kidtalk/protocol';
import { BUILTIN_AVATARS } from '@kidtalk/protocol';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button.js';
import { ProfilePicture } from '../../ui/profile-picture.js';
import { TextField } from '../../ui/text-field.js';
import { AvatarPicker } from '../children/avatars.js';
import { displayNameError } from '../children/child-form.js';
import { ActionResult } from '../status.js';
import { useAction } from '../use-load.js';
import type { Account } from './use-account.js';

const isBuiltin = (id: string | undefined): id is BuiltinAvatar =>
  (BUILTIN_AVATARS as readonly (string | undefined)[]).includes(id);

/** The adult's own name and picture, as contacts see them; correct them here (P24). */
export function OwnProfile({ profile, account }: { profile: SelfProfile; account: Account }) {
  const { t } = useTranslation();
  const [name, setName] = useState(profile.displayName);
  const start = profile.avatar.kind === 'builtin' ? profile.avatar.id : undefined;
  const [avatar, setAvatar] = useState<BuiltinAvatar>(isBuiltin(start) ? start : 'owl');
  // Only a picture the adult picked is sent, so an uploaded one is not replaced by surprise.
  const [picked, setPicked] = useState(false);
  const [nameError, setNameError] = useState<string>();
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problem = displayNameError(name);
    setNameError(problem && t(`grownUpScreens.errors.${problem}`));
    if (problem) return;
    void action.run(async () => {
      await account.save({
        displayName: name.trim(),
        ...(picked && { avatar: { kind: 'builtin', id: avatar } }),
      });
      setPicked(false);
      return t('grownUpScreens.common.saved');
    });
  };
  return (
    <section className="kt-gu-section" aria-labelledby="own-profile-title">
      <h2 id="own-profile-title" className="kt-gu-h2">
        {t('grownUpScreens.account.profileTitle')}
      </h2>
      <div className="kt-gu-summary">
        <ProfilePicture name={profile.displayName} avatar={profile.avatar} size="large" />
        <div>
          <p data-testid="own-name">{profile.displayName}</p>
          <p>{t('grownUpScreens.common.publicId', { id: profile.publicId })}</p>
          {profile.phone ? (
            <p>{t('grownUpScreens.account.phone', { phone: profile.phone })}</p>
          ) : null}
        </div>
      </div>
      <form className="kt-form" onSubmit={submit} noValidate>
        <p>{t('grownUpScreens.account.profileIntro')}</p>
        <TextField
          label={t('grownUpScreens.account.nameLabel')}
          hint={t('grownUpScreens.account.nameHint')}
          error={nameError}
          name="displayName"
          data-testid="own-name-input"
          autoComplete="nickname"
          maxLength={40}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <AvatarPicker
          value={avatar}
          onChange={(id) => {
            setAvatar(id);
            setPicked(true);
          }}
        />
        <ActionResult done={action.done} error={action.error} />
        <Button type="submit" busy={action.busy} data-testid="save-own-profile">
          {t('grownUpScreens.profile.save')}
        </Button>
      </form>
    </section>
  );
}
