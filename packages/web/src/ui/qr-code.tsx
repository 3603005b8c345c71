import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface QrCodeProps {
  /** What the code encodes, e.g. a device-link payload. */
  value: string;
  /** Read out instead of the picture (the typeable code, for instance). */
  description: string;
  size?: number;
}

/** A QR code drawn in the browser; `qrcode` is loaded only when one is shown. */
export function QrCode({ value, description, size = 240 }: QrCodeProps) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let live = true;
    void import('qrcode').then(async (qr) => {
      const data = await qr.toDataURL(value, { width: size, margin: 2, errorCorrectionLevel: 'M' });
      if (live) setUrl(data);
    });
    return () => {
      live = false;
    };
  }, [value, size]);
  const alt = t('ui.qrCodeOf', { text: description });
  return url ? (
    <img className="kt-qr" src={url} width={size} height={size} alt={alt} />
  ) : (
    <span className="kt-qr kt-qr--loading" role="img" aria-label={alt} />
  );
}
