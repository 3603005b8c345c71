import type { LinkCode } from '@kidtalk/sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useClient } from '../../../session/client-context.js';
import { Button } from '../../../ui/button.js';
import { QrCode } from '../../../ui/qr-code.js';
import { Screen } from '../../../ui/screen.js';
import { useFormat } from '../../format.js';
import { ActionResult, LoadView } from '../../status.js';
import { useAction, useLoad } from '../../use-load.js';
import { useChild } from '../child-context.js';

/** Link the child's device with a one-time code (typed or as a QR code); see and end sessions. */
export function DevicesSection() {
  const { t } = useTranslation();
  const { client } = useClient();
  const { child } = useChild();
  const format = useFormat();
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  const [code, setCode] = useState<LinkCode>();
  const link = useAction();
  const revoke = useAction();
  const { loaded, reload } = useLoad(() => client.guardian.sessions(child.id), [client, child.id]);
  return (
    <Screen title={t('grownUpScreens.devices.title', { name: child.displayName })} back>
      {created ? (
        <p role="status" className="kt-gu-note">
          {t('grownUpScreens.create.created', { name: child.displayName })}
        </p>
      ) : null}
      <section className="kt-gu-section" aria-labelledby="link-title">
        <h2 id="link-title" className="kt-gu-h2">
          {t('grownUpScreens.devices.linkTitle')}
        </h2>
        <p>{t('grownUpScreens.devices.linkIntro')}</p>
        {code ? (
          <div className="kt-gu-link">
            <p className="kt-field__label">{t('grownUpScreens.devices.codeLabel')}</p>
            <p className="kt-gu-code" data-testid="link-code">
              {code.code}
            </p>
            <div data-testid="link-qr">
              <QrCode value={code.qrPayload} description={code.code} />
            </div>
            <p>
              {t('grownUpScreens.devices.codeUntil', { time: format.dateTime(code.expiresAt) })}
            </p>
          </div>
        ) : null}
        <ActionResult error={link.error} />
        <Button
          variant="secondary"
          busy={link.busy}
          data-testid="create-link-code"
          onClick={() =>
            void link.run(async () => {
              setCode(await client.guardian.createLinkCode(child.id));
              reload();
            })
          }
        >
          {code ? t('grownUpScreens.devices.newCode') : t('grownUpScreens.devices.linkButton')}
        </Button>
      </section>
      <section className="kt-gu-section" aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="kt-gu-h2">
          {t('grownUpScreens.devices.listTitle')}
        </h2>
        <ActionResult done={revoke.done} error={revoke.error} />
        <LoadView loaded={loaded} reload={reload}>
          {(sessions) =>
            sessions.length === 0 ? (
              <p>{t('grownUpScreens.devices.none')}</p>
            ) : (
              <ul className="kt-gu-list" data-testid="child-sessions">
                {sessions.map((s) => (
                  <li key={s.id} className="kt-gu-card kt-gu-card--row">
                    <span className="kt-gu-card__text">
                      <strong>
                        {t('grownUpScreens.devices.device', {
                          os: s.device.os,
                          model: s.device.model,
                        })}
                      </strong>
                      <span>
                        {t('grownUpScreens.devices.details', {
                          created: format.dateTime(s.createdAt),
                          used: format.dateTime(s.lastUsedAt),
                        })}
                      </span>
                    </span>
                    <Button
                      variant="danger"
                      disabled={revoke.busy}
                      onClick={() =>
                        void revoke.run(async () => {
                          await client.guardian.revokeSession(child.id, s.id);
                          reload();
                          return t('grownUpScreens.devices.revoked');
                        })
                      }
                    >
                      {t('grownUpScreens.devices.revoke')}
                    </Button>
                  </li>
                ))}
              </ul>
            )
          }
        </LoadView>
      </section>
    </Screen>
  );
}
