import type { ReactNode } from 'react';
import { lazy, Suspense, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Picture } from './canvas.js';
import { EmojiPicker } from './emoji-picker.js';
import { GalleryButton } from './gallery-button.js';
import type { ManualPlace } from './location.js';
import type { AttachmentMeta, SendableContent } from './send.js';
import { STICKER_PACK } from './stickers/pack.js';
import { StickerPicker } from './sticker-picker.js';
import type { VoiceNote } from './voice-recorder.js';

// The heavier tools load when first opened.
const CameraCapture = lazy(() =>
  import('./camera-capture.js').then((m) => ({ default: m.CameraCapture })),
);
const VoiceRecorder = lazy(() =>
  import('./voice-recorder.js').then((m) => ({ default: m.VoiceRecorder })),
);
const DoodlePad = lazy(() => import('./doodle-pad.js').then((m) => ({ default: m.DoodlePad })));
const LocationForm = lazy(() =>
  import('./location-form.js').then((m) => ({ default: m.LocationForm })),
);

type Tool = 'emoji' | 'sticker' | 'camera' | 'voice' | 'draw' | 'location';
const TOOLS: { tool: Tool; icon: string }[] = [
  { tool: 'emoji', icon: '😀' },
  { tool: 'sticker', icon: '🐱' },
  { tool: 'camera', icon: '📷' },
  { tool: 'voice', icon: '🎙️' },
  { tool: 'draw', icon: '🖍️' },
  { tool: 'location', icon: '📍' },
];

export interface ComposerProps {
  onSend: (content: SendableContent) => Promise<void>;
  onSendAttachment: (bytes: Uint8Array, meta: AttachmentMeta) => Promise<void>;
  /** Every keystroke, for the typing indicator. */
  onTyped?: () => void;
  disabled?: boolean;
}

type ErrorKey = 'chat.composer.sendFailed' | 'chat.gallery.notImage' | 'chat.gallery.tooBig';

/**
 * Text and emoji, stickers, photos (camera or gallery), voice notes, drawings and a place
 * typed by hand: big buttons with a picture and a word, one tool panel open at a time.
 */
export function Composer({ onSend, onSendAttachment, onTyped, disabled }: ComposerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [tool, setTool] = useState<Tool | undefined>();
  const [error, setError] = useState<ErrorKey | undefined>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const panelId = useId();

  /** Sends; then closes the panel it came from, unless another one was opened meanwhile. */
  const run = async (fn: () => Promise<void>, from?: Tool) => {
    setError(undefined);
    setBusy(true);
    try {
      await fn();
      if (from) setTool((cur) => (cur === from ? undefined : cur));
    } catch (err) {
      setError('chat.composer.sendFailed');
      throw err;
    } finally {
      setBusy(false);
    }
  };
  const quiet = (p: Promise<void>) => void p.catch(() => undefined);

  const sendText = () => {
    const value = text.trim();
    if (!value) return;
    quiet(run(() => onSend({ type: 'text', text: value }).then(() => setText(''))));
  };
  const photo = (p: Picture, from?: Tool) =>
    run(
      () =>
        onSendAttachment(p.bytes, {
          type: 'image',
          mime: 'image/jpeg',
          width: p.width,
          height: p.height,
        }),
      from,
    );
  const drawing = (p: Picture) =>
    run(
      () =>
        onSendAttachment(p.bytes, {
          type: 'drawing',
          mime: 'image/png',
          width: p.width,
          height: p.height,
        }),
      'draw',
    );
  const voice = (n: VoiceNote) =>
    run(
      () => onSendAttachment(n.bytes, { type: 'voice', mime: n.mime, durationMs: n.durationMs }),
      'voice',
    );
  const place = (p: ManualPlace) =>
    run(() => onSend({ type: 'location', source: 'manual', ...p }), 'location');

  let panel: ReactNode = null;
  switch (tool) {
    case 'emoji':
      panel = (
        <EmojiPicker
          onPick={(e) => {
            setText((v) => v + e);
            input.current?.focus();
          }}
        />
      );
      break;
    case 'sticker':
      panel = (
        <StickerPicker
          onPick={(id) =>
            quiet(
              run(() => onSend({ type: 'sticker', pack: STICKER_PACK, sticker: id }), 'sticker'),
            )
          }
        />
      );
      break;
    case 'camera':
      panel = <CameraCapture onPhoto={(p) => photo(p, 'camera')} />;
      break;
    case 'voice':
      panel = <VoiceRecorder onSend={voice} />;
      break;
    case 'draw':
      panel = <DoodlePad onSend={drawing} />;
      break;
    case 'location':
      panel = <LocationForm onSend={place} />;
      break;
  }

  return (
    <div className="kt-composer" role="group" aria-label={t('chat.composer.label')}>
      {tool ? (
        <div id={panelId} className="kt-composer__panel" data-testid={`panel-${tool}`}>
          <Suspense fallback={<p className="kt-loading">{t('app.loading')}</p>}>{panel}</Suspense>
        </div>
      ) : null}
      {error ? (
        <p className="kt-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      <div className="kt-composer__tools" role="toolbar" aria-label={t('chat.composer.tools')}>
        {TOOLS.map(({ tool: id, icon }) => (
          <button
            key={id}
            type="button"
            className="kt-tool"
            aria-expanded={tool === id}
            aria-controls={tool === id ? panelId : undefined}
            data-testid={`composer-${id}`}
            disabled={disabled}
            onClick={() => setTool((cur) => (cur === id ? undefined : id))}
          >
            <span aria-hidden="true" className="kt-tool__icon">
              {icon}
            </span>
            <span>{t(`chat.composer.${id}`)}</span>
          </button>
        ))}
        <GalleryButton
          onPhoto={photo}
          onError={setError}
          {...(disabled !== undefined && { disabled })}
        />
      </div>
      <form
        className="kt-composer__row"
        onSubmit={(e) => {
          e.preventDefault();
          sendText();
        }}
      >
        <label className="kt-visually-hidden" htmlFor={`${panelId}-text`}>
          {t('chat.composer.textLabel')}
        </label>
        <input
          ref={input}
          id={`${panelId}-text`}
          className="kt-composer__input"
          value={text}
          maxLength={4000}
          placeholder={t('chat.composer.placeholder')}
          autoComplete="off"
          enterKeyHint="send"
          data-testid="composer-text"
          disabled={disabled}
          onChange={(e) => {
            setText(e.target.value);
            onTyped?.();
          }}
        />
        <button
          type="submit"
          className="kt-button kt-button--primary kt-composer__send"
          disabled={disabled || busy || text.trim() === ''}
          data-testid="composer-send"
        >
          <span aria-hidden="true">➤ </span>
          <span>{t('chat.composer.send')}</span>
        </button>
      </form>
    </div>
  );
}
