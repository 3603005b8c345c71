import { useTranslation } from 'react-i18next';
import { Screen } from '../../ui/screen.js';
import '../friends/kid-screens.css';

// Each line is checked against the server: guardian routes (contacts with interaction counts,
// conversations' members, sessions, reports, notifications) and the export (docs/data-inventory.json:
// report evidence and support text are exported; message bodies never reach the server in clear).
const CAN = [
  ['profile', '🙂'],
  ['friends', '👫'],
  ['counts', '🔢'],
  ['groups', '👥'],
  ['devices', '📱'],
  ['reports', '🚩'],
  ['pin', '🔑'],
] as const;

const CANNOT = [
  ['messages', '💬'],
  ['media', '🖼️'],
  ['calls', '📞'],
] as const;

/** What my grown-ups can and cannot see, in a child's words (UK Children's Code, transparency). */
export function AboutGrownUpsScreen() {
  const { t } = useTranslation();
  return (
    <Screen title={t('kidScreens.grownUpsSee.title')} back>
      <div className="kt-stack">
        <p className="kt-lead">{t('kidScreens.grownUpsSee.intro')}</p>
        <section className="kt-ks-section" aria-labelledby="kt-ks-can" data-testid="grown-ups-can">
          <h2 id="kt-ks-can">
            <span aria-hidden="true">👀 </span>
            {t('kidScreens.grownUpsSee.canTitle')}
          </h2>
          <ul className="kt-ks-can">
            {CAN.map(([key, picture]) => (
              <li key={key}>
                <span aria-hidden="true">{picture}</span>
                <span>{t(`kidScreens.grownUpsSee.can.${key}`)}</span>
              </li>
            ))}
          </ul>
        </section>
        <section
          className="kt-ks-section"
          aria-labelledby="kt-ks-cannot"
          data-testid="grown-ups-cannot"
        >
          <h2 id="kt-ks-cannot">
            <span aria-hidden="true">🔒 </span>
            {t('kidScreens.grownUpsSee.cannotTitle')}
          </h2>
          <ul className="kt-ks-cannot">
            {CANNOT.map(([key, picture]) => (
              <li key={key}>
                <span aria-hidden="true">{picture}</span>
                <span>{t(`kidScreens.grownUpsSee.cannot.${key}`)}</span>
              </li>
            ))}
          </ul>
          <p className="kt-ks-note">{t('kidScreens.grownUpsSee.cannot.why')}</p>
          <ul className="kt-ks-cannot">
            <li>
              <span aria-hidden="true">📍</span>
              <span>{t('kidScreens.grownUpsSee.cannot.location')}</span>
            </li>
          </ul>
        </section>
        <p className="kt-lead">{t('kidScreens.grownUpsSee.talk')}</p>
      </div>
    </Screen>
  );
}
