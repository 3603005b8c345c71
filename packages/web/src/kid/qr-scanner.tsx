import jsqrModule from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/button.js';

// jsqr is CommonJS marked __esModule: bundlers give the function as the default import, while
// TypeScript's Node rules see the exports object. Accept both.
const jsQR: typeof jsqrModule.default =
  typeof jsqrModule === 'function' ? jsqrModule : jsqrModule.default;

export interface QrScannerProps {
  /** Called with each decoded payload until it returns true (accepted). */
  onPayload: (payload: string) => boolean;
  onClose: () => void;
}

/**
 * Reads QR codes from the back camera with jsQR, a few frames a second. Loaded on demand (its
 * own chunk); the camera is released when the scanner closes.
 */
export function QrScanner({ onPayload, onClose }: QrScannerProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [denied, setDenied] = useState(false);
  const accept = useRef(onPayload);
  useEffect(() => {
    accept.current = onPayload;
  }, [onPayload]);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let live = true;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (!live || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        timer = setInterval(() => {
          const v = video.current;
          if (!v || !context || v.videoWidth === 0) return;
          canvas.width = v.videoWidth;
          canvas.height = v.videoHeight;
          context.drawImage(v, 0, 0);
          const image = context.getImageData(0, 0, canvas.width, canvas.height);
          const found = jsQR(image.data, image.width, image.height, {
            inversionAttempts: 'dontInvert',
          });
          if (found && accept.current(found.data)) clearInterval(timer);
        }, 250);
      })
      .catch(() => live && setDenied(true));
    return () => {
      live = false;
      clearInterval(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  return (
    <div className="kt-scanner">
      <h2>{t('kid.signIn.scanTitle')}</h2>
      {denied ? (
        <p className="kt-error" role="alert">
          {t('kid.signIn.cameraDenied')}
        </p>
      ) : (
        <>
          <p>{t('kid.signIn.scanHelp')}</p>
          <div className="kt-scanner__frame">
            <video ref={video} muted playsInline aria-label={t('kid.signIn.videoLabel')} />
          </div>
        </>
      )}
      <Button variant="secondary" onClick={onClose}>
        {t('kid.signIn.scanStop')}
      </Button>
    </div>
  );
}
