import type { ReceivedMessage } from '@kidtalk/sdk';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from './report-clock.js';

/** One received message in words, for picking evidence: what it was and when it came. */
export function MessageSummary({ message }: { message: ReceivedMessage }) {
  const { t, i18n } = useTranslation();
  const c = message.body.content;
  let what: string;
  switch (c.type) {
    case 'text':
      what = t('kidScreens.report.message.text', { text: c.text });
      break;
    case 'sticker':
    case 'image':
    case 'voice':
    case 'drawing':
      what = t(`kidScreens.report.message.${c.type}`);
      break;
    case 'location':
      what = t('kidScreens.report.message.location', {
        place: c.placeName ?? (c.coordinates ? `${c.coordinates.lat}, ${c.coordinates.lon}` : ''),
      });
      break;
    default:
      what = t('kidScreens.report.message.other');
  }
  return (
    <span className="kt-ks-item__text">
      <span>{what}</span>
      <span className="kt-ks-item__meta">
        {t('kidScreens.report.message.at', {
          time: formatDateTime(message.serverTime, i18n.language),
        })}
      </span>
    </span>
  );
}
