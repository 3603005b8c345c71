import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/button.js';
import { checkVoice, MAX_VOICE_MS, pickVoiceMime, seconds, voiceDuration } from './media.js';

export interface VoiceNote {
  bytes: Uint8Array;
  mime: string;
  durationMs: number;
}

type Rec =
  | { state: 'idle'; error?: 'denied' | 'tooShort' }
  | { state: 'recording'; startedAt: number; elapsed: number }
  | { state: 'done'; note: VoiceNote; url: string }
  | { state: 'busy'; note: VoiceNote; url: string };

/**
 * Records from the microphone with MediaRecorder: a clear recording state with a counter, a
 * stop button, and an automatic stop at the limit. Nothing is sent until the child says so.
 */
export function VoiceRecorder({ onSend }: { onSend: (note: VoiceNote) => Promise<void> }) {
  const { t } = useTranslation();
  const [rec, setRec] = useState<Rec>({ state: 'idle' });
  const recorder = useRef<MediaRecorder | undefined>(undefined);
  const stream = useRef<MediaStream | undefined>(undefined);

  const release = () => {
    stream.current?.getTracks().forEach((tr) => tr.stop());
    stream.current = undefined;
  };

  useEffect(
    () => () => {
      if (recorder.current?.state === 'recording') recorder.current.stop();
      release();
    },
    [],
  );

  useEffect(() => {
    if (rec.state !== 'recording') return;
    const timer = setInterval(() => {
      const elapsed = Date.now() - rec.startedAt;
      if (elapsed >= MAX_VOICE_MS) recorder.current?.stop();
      else setRec((r) => (r.state === 'recording' ? { ...r, elapsed } : r));
    }, 250);
    return () => clearInterval(timer);
  }, [rec]);

  useEffect(() => {
    if (rec.state !== 'done') return;
    const url = rec.url;
    return () => URL.revokeObjectURL(url);
  }, [rec]);

  const start = async () => {
    let s: MediaStream;
    try {
      s = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    } catch {
      return setRec({ state: 'idle', error: 'denied' });
    }
    stream.current = s;
    const mime = pickVoiceMime((m) => MediaRecorder.isTypeSupported(m));
    const r = new MediaRecorder(s, mime ? { mimeType: mime } : undefined);
    const chunks: Blob[] = [];
    const startedAt = Date.now();
    r.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
    r.onstop = () => {
      release();
      const elapsed = Date.now() - startedAt;
      if (checkVoice(elapsed) === 'tooShort') return setRec({ state: 'idle', error: 'tooShort' });
      const type = (r.mimeType || mime || 'audio/webm').split(';')[0] ?? 'audio/webm';
      const blob = new Blob(chunks, { type });
      void blob.arrayBuffer().then((b) =>
        setRec({
          state: 'done',
          note: { bytes: new Uint8Array(b), mime: type, durationMs: voiceDuration(elapsed) },
          url: URL.createObjectURL(blob),
        }),
      );
    };
    recorder.current = r;
    r.start(250);
    setRec({ state: 'recording', startedAt, elapsed: 0 });
  };

  const max = MAX_VOICE_MS / 1000;
  if (rec.state === 'recording') {
    return (
      <div className="kt-stack kt-voice kt-voice--recording" data-testid="voice-recording">
        <p className="kt-voice__status" role="status">
          <span aria-hidden="true" className="kt-voice__dot" />
          {t('chat.voice.recording', { seconds: Math.floor(rec.elapsed / 1000), max })}
        </p>
        <Button
          icon="⏹️"
          variant="danger"
          onClick={() => recorder.current?.stop()}
          data-testid="voice-stop"
        >
          {t('chat.voice.stop')}
        </Button>
      </div>
    );
  }
  if (rec.state === 'done' || rec.state === 'busy') {
    const send = async () => {
      setRec({ ...rec, state: 'busy' });
      try {
        await onSend(rec.note);
        setRec({ state: 'idle' });
      } catch {
        setRec({ ...rec, state: 'done' });
      }
    };
    return (
      <div className="kt-stack kt-voice">
        <p>{t('chat.voice.ready', { seconds: seconds(rec.note.durationMs) })}</p>
        <audio controls src={rec.url} aria-label={t('chat.voice.title')} />
        <div className="kt-row">
          <Button
            icon="📤"
            onClick={() => void send().catch(() => undefined)}
            busy={rec.state === 'busy'}
            data-testid="voice-send"
          >
            {t('chat.voice.send')}
          </Button>
          <Button
            variant="secondary"
            icon="🔁"
            onClick={() => setRec({ state: 'idle' })}
            disabled={rec.state === 'busy'}
          >
            {t('chat.voice.again')}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="kt-stack kt-voice">
      <Button icon="🎙️" onClick={() => void start()} data-testid="voice-start">
        {t('chat.voice.start')}
      </Button>
      {rec.error ? (
        <p className="kt-error" role="alert">
          {t(rec.error === 'denied' ? 'chat.voice.denied' : 'chat.voice.tooShort')}
        </p>
      ) : null}
    </div>
  );
}
