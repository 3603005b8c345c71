import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/button.js';
import { TextField } from '../ui/text-field.js';
import type { LocationError, ManualPlace } from './location.js';
import { MAX_PLACE_NAME, parseLocation } from './location.js';

/**
 * A place typed by hand. P8: this form is the only way a location enters a message; nothing
 * here (or anywhere in the app) reads the device's position.
 */
export function LocationForm({ onSend }: { onSend: (place: ManualPlace) => Promise<void> }) {
  const { t } = useTranslation();
  const [placeName, setPlaceName] = useState('');
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [error, setError] = useState<LocationError | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const parsed = parseLocation({ placeName, lat, lon });
    if (!parsed.ok) return setError(parsed.error);
    setError(undefined);
    setBusy(true);
    try {
      await onSend(parsed.place);
      setPlaceName('');
      setLat('');
      setLon('');
    } finally {
      setBusy(false);
    }
  };

  const field = (e: LocationError | undefined, ...mine: LocationError[]) =>
    e && mine.includes(e) ? { error: t(`chat.location.${e}`) } : {};

  return (
    <form
      className="kt-stack kt-location"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p>{t('chat.location.intro')}</p>
      <TextField
        label={t('chat.location.placeName')}
        hint={t('chat.location.placeHint')}
        value={placeName}
        maxLength={MAX_PLACE_NAME + 1}
        autoComplete="off"
        data-testid="location-name"
        onChange={(e) => setPlaceName(e.target.value)}
        {...field(error, 'errorEmpty', 'errorLong')}
      />
      <div className="kt-row kt-location__coords">
        <TextField
          label={t('chat.location.lat')}
          inputMode="decimal"
          value={lat}
          autoComplete="off"
          data-testid="location-lat"
          onChange={(e) => setLat(e.target.value)}
          {...field(error, 'errorLat', 'errorBoth')}
        />
        <TextField
          label={t('chat.location.lon')}
          hint={t('chat.location.coordsHint')}
          inputMode="decimal"
          value={lon}
          autoComplete="off"
          data-testid="location-lon"
          onChange={(e) => setLon(e.target.value)}
          {...field(error, 'errorLon')}
        />
      </div>
      <Button type="submit" icon="📍" busy={busy} data-testid="location-send">
        {t('chat.location.send')}
      </Button>
    </form>
  );
}
