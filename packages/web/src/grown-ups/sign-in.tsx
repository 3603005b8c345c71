import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../session/client-context.js';
import { Button } from '../ui/button.js';
import { errorKey } from '../ui/error-message.js';
import { Screen } from '../ui/screen.js';
import { TextField } from '../ui/text-field.js';

type Step = { step: 'phone' } | { step: 'code'; phone: string };

/**
 * Sign in, or sign up as a new adult, with a phone number and an SMS code. In development the
 * server writes codes to its outbox (`./data/sms-outbox.jsonl`) instead of sending them.
 */
export function GrownUpSignIn() {
  const { t } = useTranslation();
  const { client, signedIn } = useClient();
  const [signUp, setSignUp] = useState(false);
  const [step, setStep] = useState<Step>({ step: 'phone' });
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>, known: Record<string, string> = {}) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (err) {
      const c = (err as { code?: string }).code ?? '';
      setError(known[c] ?? t(errorKey(err)));
    } finally {
      setBusy(false);
    }
  };

  const sendCode = (e?: FormEvent) => {
    e?.preventDefault();
    void run(
      async () => {
        await client.requestCode(phone.trim());
        setCode('');
        setStep({ step: 'code', phone: phone.trim() });
      },
      { INVALID_PHONE: t('grownUps.signIn.phoneWrong') },
    );
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (step.step !== 'code') return;
    void run(
      async () => {
        const displayName = signUp ? name.trim() : undefined;
        signedIn(await client.signIn({ phone: step.phone, code: code.trim(), displayName }));
      },
      {
        CODE_INVALID: t('grownUps.signIn.codeWrong'),
        CODE_EXPIRED: t('grownUps.signIn.codeWrong'),
        DISPLAY_NAME_REQUIRED: t('grownUps.signIn.noAccountYet'),
      },
    );
  };

  const title = signUp ? t('grownUps.signIn.signUpTitle') : t('grownUps.signIn.title');
  return (
    <Screen title={title}>
      {step.step === 'phone' ? (
        <form className="kt-form" onSubmit={sendCode} noValidate>
          <TextField
            label={t('grownUps.signIn.phoneLabel')}
            hint={t('grownUps.signIn.phoneHint')}
            error={error}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            data-testid="phone"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            required
          />
          <Button type="submit" busy={busy} disabled={phone.trim() === ''} data-testid="send-code">
            {t('grownUps.signIn.sendCode')}
          </Button>
        </form>
      ) : (
        <form className="kt-form" onSubmit={submit} noValidate>
          <p role="status">{t('grownUps.signIn.codeSent', { phone: step.phone })}</p>
          <TextField
            label={t('grownUps.signIn.codeLabel')}
            error={error}
            inputMode="numeric"
            autoComplete="one-time-code"
            data-testid="sms-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
          />
          {signUp ? (
            <TextField
              label={t('grownUps.signIn.nameLabel')}
              hint={t('grownUps.signIn.nameHint')}
              autoComplete="nickname"
              data-testid="display-name"
              maxLength={40}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
            />
          ) : null}
          <Button
            type="submit"
            busy={busy}
            disabled={code.trim() === '' || (signUp && name.trim() === '')}
            data-testid="sign-in-submit"
          >
            {signUp ? t('grownUps.signIn.submitSignUp') : t('grownUps.signIn.submit')}
          </Button>
          <div className="kt-row">
            <Button variant="link" onClick={() => sendCode()} disabled={busy}>
              {t('grownUps.signIn.resend')}
            </Button>
            <Button variant="link" onClick={() => setStep({ step: 'phone' })} disabled={busy}>
              {t('grownUps.signIn.changePhone')}
            </Button>
          </div>
        </form>
      )}
      <Button
        variant="link"
        data-testid={signUp ? 'have-account' : 'sign-up'}
        onClick={() => {
          setSignUp(!signUp);
          setError(undefined);
        }}
      >
        {signUp ? t('grownUps.signIn.haveAccount') : t('grownUps.signIn.noAccount')}
      </Button>
    </Screen>
  );
}
