import { isKidTalkError } from '@kidtalk/sdk';
import type { FormEvent } from 'react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useClient } from '../../session/client-context.js';
import { Loading } from '../../shell/loading.js';
import { Button } from '../../ui/button.js';
import { errorKey } from '../../ui/error-message.js';
import { Screen } from '../../ui/screen.js';
import { TextField } from '../../ui/text-field.js';
import { EXAMPLE_PUBLIC_ID, isPublicId, normalizePublicId, publicIdFromQr } from './public-id.js';

const QrScanner = lazy(() => import('../qr-scanner.js').then((m) => ({ default: m.QrScanner })));

type Outcome = { kind: 'sent' | 'accepted'; name: string } | { kind: 'error'; message: string };

/** Add a friend by their exact KidTalk ID, typed or scanned from their QR code. */
export function AddFriend() {
  const { t } = useTranslation();
  const { client, session } = useClient();
  const [typed, setTyped] = useState('');
  const [scanning, setScanning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [fieldError, setFieldError] = useState<string>();

  const add = async (publicId: string) => {
    setOutcome(undefined);
    setFieldError(undefined);
    if (!isPublicId(publicId)) return setFieldError(t('kidScreens.add.idWrong'));
    if (publicId === session?.publicId)
      return setOutcome({ kind: 'error', message: t('kidScreens.add.yourself') });
    setBusy(true);
    try {
      const view = await client.contacts.add(publicId);
      setOutcome({
        kind: view.status === 'approved' ? 'accepted' : 'sent',
        name: view.other.displayName,
      });
      setTyped('');
    } catch (err) {
      const code = isKidTalkError(err) ? err.code : undefined;
      const message =
        code === 'NOT_FOUND'
          ? t('kidScreens.add.notFound')
          : code === 'CONFLICT'
            ? t('kidScreens.add.already')
            : code === 'INVALID_REQUEST'
              ? t('kidScreens.add.idWrong')
              : t(errorKey(err));
      setOutcome({ kind: 'error', message });
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add(normalizePublicId(typed));
  };

  return (
    <Screen title={t('kidScreens.add.title')} back>
      <div className="kt-stack">
        <form className="kt-form kt-stack" onSubmit={submit} noValidate>
          <TextField
            label={t('kidScreens.add.idLabel')}
            hint={t('kidScreens.add.idHint', { example: EXAMPLE_PUBLIC_ID })}
            error={fieldError}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            className="kt-field--code"
            data-testid="add-friend-input"
          />
          <Button type="submit" icon="📨" busy={busy} data-testid="add-friend-submit">
            {t('kidScreens.add.submit')}
          </Button>
        </form>
        {scanning ? (
          <Suspense fallback={<Loading />}>
            <QrScanner
              onPayload={(payload) => {
                const id = publicIdFromQr(payload);
                if (!id) {
                  setOutcome({ kind: 'error', message: t('kidScreens.add.scanNotFriend') });
                  return false;
                }
                setScanning(false);
                void add(id);
                return true;
              }}
              onClose={() => setScanning(false)}
            />
          </Suspense>
        ) : (
          <Button
            variant="secondary"
            icon="📷"
            onClick={() => setScanning(true)}
            data-testid="scan-friend-qr"
          >
            {t('kidScreens.add.scan')}
          </Button>
        )}
        {outcome?.kind === 'error' ? (
          <p className="kt-error" role="alert">
            {outcome.message}
          </p>
        ) : null}
        {outcome && outcome.kind !== 'error' ? (
          <p className="kt-ks-note" role="status" data-testid="add-friend-result">
            {outcome.kind === 'accepted'
              ? t('kidScreens.add.accepted', { name: outcome.name })
              : t('kidScreens.add.sent', { name: outcome.name })}{' '}
            <Link to="/kid/friends">{t('kidScreens.friends.title')}</Link>
          </p>
        ) : null}
      </div>
    </Screen>
  );
}
