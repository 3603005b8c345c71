import { useTranslation } from 'react-i18next';
import { ProfilePicture } from '../ui/profile-picture.js';
import type { GroupMember } from './groups.js';
import { listNames } from './groups.js';

const SHOWN = 3;

/**
 * Up to three members' pictures, overlapping, and "+2" for the rest. Decorative: the names
 * are always written next to it.
 */
export function GroupPictures({ members }: { members: readonly GroupMember[] }) {
  const { t } = useTranslation();
  const rest = members.length - SHOWN;
  return (
    <span className="kt-group-pictures" aria-hidden="true">
      {members.slice(0, SHOWN).map((m) => (
        <span key={m.publicId} className="kt-group-pictures__one">
          <ProfilePicture
            name={m.name ?? t('chat.group.someone')}
            avatar={m.avatar ?? { kind: 'none' }}
            size="small"
          />
        </span>
      ))}
      {rest > 0 ? (
        <span className="kt-group-pictures__more">{t('chat.group.more', { n: rest })}</span>
      ) : null}
    </span>
  );
}

/** The group's name: the one given on this device, or its members' names. */
export function useGroupTitle(): (g: {
  localName?: string;
  members: readonly GroupMember[];
}) => string {
  const { t, i18n } = useTranslation();
  return (g) => g.localName ?? listNames(g.members, i18n.language, t('chat.group.someone'));
}

/**
 * "With Ann, Bo and Cai" under a group chat's title: shown only when this device named the
 * group, since otherwise the title already lists them.
 */
export function GroupMembersLine({
  group,
}: {
  group: { localName?: string; members: readonly GroupMember[] };
}) {
  const { t, i18n } = useTranslation();
  if (group.localName === undefined) return null;
  return (
    <p className="kt-chat-members" data-testid="group-members">
      {t('chat.group.with', {
        names: listNames(group.members, i18n.language, t('chat.group.someone')),
      })}
    </p>
  );
}
