import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/button.js';
import type { Picture } from './canvas.js';
import { toJpeg } from './canvas.js';

/** The camera's picture and one big button; the camera stops as soon as this closes. */
export function CameraCapture({ onPhoto }: { onPhoto: (p: Picture) => Promise<void> }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'starting' | 'ready' | 'denied' | 'busy'>('starting');

  useEffect(() => {
    let stream: MediaStream | undefined;
    let live = true;
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: false }).then(
      (s) => {
        stream = s;
        if (!live) return s.getTracks().forEach((tr) => tr.stop());
        const v = video.current;
        if (!v) return;
        // Ready once the first frame's size is known: before that a tap would take nothing.
        const ready = () => {
          if (live && v.videoWidth > 0) setState((was) => (was === 'starting' ? 'ready' : was));
        };
        v.addEventListener('loadedmetadata', ready);
        v.addEventListener('resize', ready);
        v.srcObject = s;
        ready();
      },
      () => live && setState('denied'),
    );
    return () => {
      live = false;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);

  const take = async () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    setState('busy');
    try {
      await onPhoto(await toJpeg(v, v.videoWidth, v.videoHeight));
    } finally {
      setState('ready');
    }
  };

  if (state === 'denied')
    return (
      <p className="kt-error" role="alert">
        {t('chat.camera.denied')}
      </p>
    );
  return (
    <div className="kt-stack kt-camera">
      <video
        ref={video}
        className="kt-camera__video"
        autoPlay
        playsInline
        muted
        aria-label={t('chat.camera.video')}
      />
      {state === 'starting' ? <p className="kt-loading">{t('chat.camera.starting')}</p> : null}
      <Button
        icon="📸"
        onClick={() => void take().catch(() => undefined)}
        disabled={state !== 'ready'}
        busy={state === 'busy'}
        data-testid="camera-take"
      >
        {t('chat.camera.take')}
      </Button>
    </div>
  );
}
