import { lazy, Suspense, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../session/client-context.js';
import { Button } from '../ui/button.js';
import { errorKey } from '../ui/error-message.js';
import { Screen } from '../ui/screen.js';
import { TextField } from '../ui/text-field.js';
import { isLinkCode, LINK_CODE_LENGTH, linkCodeFromQr, normalizeLinkCode } from './link-code.js';

const QrScanner = lazy(() => import('./qr-scanner.js').then((m) => ({ default: m.QrScanner })));

/** A child's device signs in with the one-time code a guardian made: typed or scanned. */
export function KidSignIn() {
  const { t } = useTranslation();
  const { client, signedIn } = useClient();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);

  const link = async (linkCode: string) => {
    setBusy(true);
    setError(undefined);
    try {
      signedIn(await client.linkDevice(linkCode));
    } catch (err) {
      const c = (err as { code?: string }).code;
      setError(
        c === 'CODE_INVALID' || c === 'CODE_EXPIRED' || c === 'INVALID_REQUEST'
          ? t('kid.signIn.codeWrong')
          : t(errorKey(err)),
      );
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const normalized = normalizeLinkCode(code);
    if (!isLinkCode(normalized)) return setError(t('kid.signIn.codeWrong'));
    void link(normalized);
  };

  const onScanned = (payload: string): boolean => {
    const scanned = linkCodeFromQr(payload);
    if (!scanned) {
      setError(t('kid.signIn.qrNotKidTalk'));
      return false;
    }
    setScanning(false);
    setCode(scanned);
    void link(scanned);
    return true;
  };

  return (
    <Screen title={t('kid.signIn.title')}>
      <p className="kt-lead">{t('kid.signIn.intro')}</p>
      <form className="kt-form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('kid.signIn.codeLabel')}
          hint={t('kid.signIn.codeHint')}
          error={error}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={LINK_CODE_LENGTH + 4}
          className="kt-field--code"
          required
        />
        <Button type="submit" busy={busy} icon="🚀">
          {busy ? t('kid.signIn.working') : t('kid.signIn.submit')}
        </Button>
      </form>
      {scanning ? (
        <Suspense fallback={<p>{t('app.loading')}</p>}>
          <QrScanner onPayload={onScanned} onClose={() => setScanning(false)} />
        </Suspense>
      ) : (
        <Button variant="secondary" icon="📷" onClick={() => setScanning(true)} disabled={busy}>
          {t('kid.signIn.scan')}
        </Button>
      )}
    </Screen>
  );
}
