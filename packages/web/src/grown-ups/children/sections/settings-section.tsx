import { useTranslation } from 'react-i18next';
import { useClient } from '../../../session/client-context.js';
import { OnOff } from '../../../ui/on-off.js';
import { Screen } from '../../../ui/screen.js';
import { ActionResult } from '../../status.js';
import { useAction } from '../../use-load.js';
import { useChild } from '../child-context.js';

/** Self-friending (P19): off unless a guardian turns it on. */
export function SettingsSection() {
  const { t } = useTranslation();
  const { client } = useClient();
  const { child, update } = useChild();
  const action = useAction();
  return (
    <Screen title={t('grownUpScreens.settings.title')} back>
      <OnOff
        label={t('grownUpScreens.settings.label', { name: child.displayName })}
        help={t('grownUpScreens.settings.help')}
        value={child.selfFriending}
        onLabel={t('grownUpScreens.common.on')}
        offLabel={t('grownUpScreens.common.off')}
        disabled={action.busy}
        testId="self-friending"
        onChange={(on) =>
          action.run(async () => {
            update(await client.guardian.setSelfFriending(child.id, on));
            return t('grownUpScreens.settings.saved');
          })
        }
      />
      <p data-testid="self-friending-state">
        {child.selfFriending ? t('grownUpScreens.common.nowOn') : t('grownUpScreens.common.nowOff')}
      </p>
      <ActionResult done={action.done} error={action.error} />
    </Screen>
  );
}
