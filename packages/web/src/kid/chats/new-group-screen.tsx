import type { ContactProfile } from '@kidtalk/protocol';
import { MAX_GROUP_NAME } from '@kidtalk/sdk';
import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { GroupRefusal } from '../../chat/groups.js';
import { groupRefusal } from '../../chat/groups.js';
import { useClient } from '../../session/client-context.js';
import { Loading } from '../../shell/loading.js';
import { Button } from '../../ui/button.js';
import { ProfilePicture } from '../../ui/profile-picture.js';
import { Screen } from '../../ui/screen.js';
import { TextField } from '../../ui/text-field.js';
import '../friends/kid-screens.css';

/** A group is oneself and at least two friends. */
const MIN_FRIENDS = 2;

type Friends =
  { state: 'loading' } | { state: 'failed' } | { state: 'ready'; list: ContactProfile[] };

/**
 * Make a group: pick two or more friends, maybe give it a name (kept on this device only), and
 * go. The server says no unless every child in it is approved friends with every other; that
 * answer is told in words a child can act on.
 */
export function NewGroupScreen() {
  const { t } = useTranslation();
  const { client } = useClient();
  const navigate = useNavigate();
  const [friends, setFriends] = useState<Friends>({ state: 'loading' });
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<GroupRefusal | 'tooFew' | undefined>();

  useEffect(() => {
    let live = true;
    client.contacts.list().then(
      (list) => live && setFriends({ state: 'ready', list }),
      () => live && setFriends({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [client]);

  const toggle = (publicId: string) => {
    setRefusal(undefined);
    setPicked((cur) => {
      const next = new Set(cur);
      if (!next.delete(publicId)) next.add(publicId);
      return next;
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (picked.size < MIN_FRIENDS) return setRefusal('tooFew');
    setBusy(true);
    setRefusal(undefined);
    try {
      if (!client.connected) await client.ready(30_000);
      const view = await client.createGroup([...picked]);
      if (name.trim()) await client.local.setGroupName(view.id, name);
      void navigate(`/kid/chats/groups/${encodeURIComponent(view.id)}`, { replace: true });
    } catch (err) {
      setRefusal(groupRefusal(err));
      setBusy(false);
    }
  };

  return (
    <Screen title={t('chat.group.newTitle')} back>
      {friends.state === 'loading' ? <Loading /> : null}
      {friends.state === 'failed' ? (
        <p className="kt-error" role="alert">
          {t('chat.list.loadFailed')}
        </p>
      ) : null}
      {friends.state === 'ready' && friends.list.length < MIN_FRIENDS ? (
        <p className="kt-lead" data-testid="new-group-too-few-friends">
          {t('chat.group.needFriends')}
        </p>
      ) : null}
      {friends.state === 'ready' && friends.list.length >= MIN_FRIENDS ? (
        <form className="kt-ks-section" onSubmit={(e) => void submit(e)} noValidate>
          <fieldset className="kt-ks-section">
            <legend className="kt-field__label">{t('chat.group.pick')}</legend>
            <div className="kt-ks-grid">
              {friends.list.map((f) => (
                <label key={f.publicId} className="kt-ks-tile">
                  <input
                    type="checkbox"
                    checked={picked.has(f.publicId)}
                    onChange={() => toggle(f.publicId)}
                    data-testid="new-group-friend"
                    data-public-id={f.publicId}
                  />
                  <span aria-hidden="true">
                    <ProfilePicture name={f.displayName} avatar={f.avatar} />
                  </span>
                  <span>{f.displayName}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <TextField
            label={t('chat.group.nameLabel')}
            hint={t('chat.group.nameHint')}
            value={name}
            maxLength={MAX_GROUP_NAME}
            autoComplete="off"
            data-testid="new-group-name"
            onChange={(e) => setName(e.target.value)}
          />
          {refusal ? (
            <p
              className="kt-error"
              role="alert"
              data-testid="new-group-error"
              data-reason={refusal}
            >
              {t(`chat.group.refusal.${refusal}`)}
            </p>
          ) : null}
          <Button type="submit" busy={busy} icon="👫" data-testid="new-group-create">
            {t('chat.group.create')}
          </Button>
        </form>
      ) : null}
    </Screen>
  );
}
