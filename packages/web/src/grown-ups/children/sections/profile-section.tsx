import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../session/client-context.js';
import { Button } from '../../../ui/button.js';
import { Screen } from '../../../ui/screen.js';
import { ActionResult } from '../../status.js';
import { useAction } from '../../use-load.js';
import { useChild } from '../child-context.js';
import type { ChildForm, ChildFormErrors } from '../child-form.js';
import { formFromChild, profileErrors, toUpdateBody } from '../child-form.js';
import { ProfileFields } from '../profile-fields.js';

/** Correct the child's profile (P24); a detail switched to "skip" is erased. */
export function ProfileSection() {
  const { t } = useTranslation();
  const { client } = useClient();
  const { child, update } = useChild();
  const [form, setForm] = useState<ChildForm>(() => formFromChild(child));
  const [errors, setErrors] = useState<ChildFormErrors>({});
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = profileErrors(form, new Date());
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    void action.run(async () => {
      update(await client.guardian.updateChild(child.id, toUpdateBody(form)));
      return t('grownUpScreens.common.saved');
    });
  };
  return (
    <Screen title={t('grownUpScreens.profile.title', { name: child.displayName })} back>
      <form className="kt-form" onSubmit={submit} noValidate>
        <p>{t('grownUpScreens.profile.intro')}</p>
        <ProfileFields
          form={form}
          errors={errors}
          onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
        />
        <ActionResult done={action.done} error={action.error} />
        <Button type="submit" busy={action.busy} data-testid="save-profile">
          {t('grownUpScreens.profile.save')}
        </Button>
      </form>
    </Screen>
  );
}
