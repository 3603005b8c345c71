import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Picture } from './canvas.js';
import { toJpeg } from './canvas.js';
import { MAX_PICKED_BYTES } from './media.js';

/** "Photos": the device's own picker (accept=image/*); the picture is scaled and re-encoded. */
export function GalleryButton({
  onPhoto,
  onError,
  disabled,
}: {
  onPhoto: (p: Picture) => Promise<void>;
  onError: (
    key: 'chat.gallery.notImage' | 'chat.gallery.tooBig' | 'chat.composer.sendFailed',
  ) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const picked = async (file: File | undefined) => {
    if (!file) return;
    if (!file.type.startsWith('image/')) return onError('chat.gallery.notImage');
    if (file.size > MAX_PICKED_BYTES) return onError('chat.gallery.tooBig');
    setBusy(true);
    try {
      const bitmap = await createImageBitmap(file).catch(() => undefined);
      if (!bitmap) return onError('chat.gallery.notImage');
      const picture = await toJpeg(bitmap, bitmap.width, bitmap.height);
      bitmap.close();
      await onPhoto(picture).catch(() => onError('chat.composer.sendFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <label className="kt-tool" aria-busy={busy || undefined}>
      <span aria-hidden="true" className="kt-tool__icon">
        🖼️
      </span>
      <span>{t('chat.composer.gallery')}</span>
      <input
        type="file"
        accept="image/*"
        className="kt-visually-hidden"
        aria-label={t('chat.gallery.label')}
        data-testid="composer-gallery"
        disabled={disabled || busy}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          void picked(file);
        }}
      />
    </label>
  );
}
