import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/button.js';
import type { Picture } from './canvas.js';
import { canvasBytes } from './canvas.js';
import type { Doodle, Point, Stroke } from './doodle-state.js';
import {
  clear,
  emptyDoodle,
  extendStroke,
  liftPen,
  penCommand,
  pressKey,
  startStroke,
  undo,
} from './doodle-state.js';

const COLOURS = {
  black: '#1f2937',
  red: '#dc2626',
  blue: '#2563eb',
  green: '#16a34a',
  yellow: '#eab308',
  purple: '#9333ea',
} as const;
type Colour = keyof typeof COLOURS;

const WIDTH = 600;
const HEIGHT = 400;
const SIZE = { width: WIDTH, height: HEIGHT };

function paint(canvas: HTMLCanvasElement, strokes: readonly Stroke<Colour>[]): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  ctx.lineWidth = 8;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const s of strokes) {
    ctx.strokeStyle = COLOURS[s.colour];
    ctx.beginPath();
    s.points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    if (s.points.length === 1) ctx.lineTo(s.points[0]![0] + 0.1, s.points[0]![1]);
    ctx.stroke();
  }
}

/**
 * A doodle canvas: a few colours, undo, start again; sent as PNG. Drawn with a finger, the
 * mouse, or the keyboard (arrows move a pen, Space or Enter puts it down or lifts it).
 */
export function DoodlePad({ onSend }: { onSend: (p: Picture) => Promise<void> }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doodle, setDoodle] = useState<Doodle<Colour>>(() => emptyDoodle(SIZE));
  const [colour, setColour] = useState<Colour>('blue');
  const [busy, setBusy] = useState(false);
  // The keyboard's pen shows only to someone using the keyboard, not to a finger or the mouse.
  const [keyboard, setKeyboard] = useState(false);
  const drawing = useRef(false);
  const keysId = useId();
  const { strokes, pen } = doodle;

  useEffect(() => {
    if (canvas.current) paint(canvas.current, strokes);
  }, [strokes]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * WIDTH, ((e.clientY - r.top) / r.height) * HEIGHT];
  };

  const send = async () => {
    if (!canvas.current || strokes.length === 0) return;
    setBusy(true);
    try {
      await onSend({
        bytes: await canvasBytes(canvas.current, 'image/png'),
        width: WIDTH,
        height: HEIGHT,
      });
      setDoodle(clear);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="kt-stack kt-doodle">
      <div className="kt-doodle__surface">
        <canvas
          ref={canvas}
          width={WIDTH}
          height={HEIGHT}
          className="kt-doodle__canvas"
          // An application: screen readers hand the arrow keys to the pad instead of reading on.
          role="application"
          tabIndex={0}
          aria-label={t('chat.draw.canvas')}
          aria-describedby={keysId}
          data-testid="doodle-canvas"
          onFocus={(e) => setKeyboard(e.currentTarget.matches(':focus-visible'))}
          onBlur={() => {
            setKeyboard(false);
            setDoodle(liftPen);
          }}
          onKeyDown={(e) => {
            if (e.ctrlKey || e.altKey || e.metaKey) return;
            const command = penCommand(e.key, e.shiftKey);
            if (!command) return;
            // Arrows and Space would scroll the page, Enter could submit a form around it.
            e.preventDefault();
            setKeyboard(true);
            // Holding Space down must not put the pen down and up again and again.
            if (command.kind === 'toggle' && e.repeat) return;
            setDoodle((d) => pressKey(d, command, colour, SIZE));
          }}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            drawing.current = true;
            setKeyboard(false);
            const p = point(e);
            setDoodle((d) => liftPen({ ...d, strokes: startStroke(d.strokes, colour, p) }));
          }}
          onPointerMove={(e) => {
            if (!drawing.current) return;
            const p = point(e);
            setDoodle((d) => ({ ...d, strokes: extendStroke(d.strokes, p) }));
          }}
          onPointerUp={() => (drawing.current = false)}
          onPointerCancel={() => (drawing.current = false)}
        />
        {keyboard ? (
          <span
            className="kt-doodle__pen"
            aria-hidden="true"
            data-down={pen.down}
            data-testid="doodle-pen"
            style={{
              // Inside the canvas's 2 px border, where its pixels are shown.
              left: `calc(2px + (100% - 4px) * ${pen.at[0] / WIDTH})`,
              top: `calc(2px + (100% - 4px) * ${pen.at[1] / HEIGHT})`,
              borderColor: COLOURS[colour],
              backgroundColor: pen.down ? COLOURS[colour] : undefined,
            }}
          />
        ) : null}
      </div>
      <p id={keysId} className="kt-doodle__keys">
        {t('chat.draw.keys')}
      </p>
      <p className="kt-visually-hidden" role="status">
        {keyboard ? t(pen.down ? 'chat.draw.penDown' : 'chat.draw.penUp') : null}
      </p>
      <div className="kt-row" role="radiogroup" aria-label={t('chat.draw.title')}>
        {(Object.keys(COLOURS) as Colour[]).map((c) => (
          <button
            key={c}
            type="button"
            role="radio"
            aria-checked={c === colour}
            className="kt-swatch"
            style={{ backgroundColor: COLOURS[c] }}
            aria-label={t('chat.draw.colour', { colour: t(`chat.draw.colours.${c}`) })}
            data-testid={`doodle-colour-${c}`}
            onClick={() => setColour(c)}
          />
        ))}
      </div>
      <div className="kt-row">
        <Button
          variant="secondary"
          icon="↩️"
          onClick={() => setDoodle(undo)}
          disabled={strokes.length === 0}
          data-testid="doodle-undo"
        >
          {t('chat.draw.undo')}
        </Button>
        <Button
          variant="secondary"
          icon="🧽"
          onClick={() => setDoodle(clear)}
          disabled={strokes.length === 0}
        >
          {t('chat.draw.clear')}
        </Button>
        <Button
          icon="📤"
          onClick={() => void send().catch(() => undefined)}
          disabled={strokes.length === 0}
          busy={busy}
          data-testid="doodle-send"
        >
          {t('chat.draw.send')}
        </Button>
      </div>
    </div>
  );
}
