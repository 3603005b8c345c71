import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/button.js';
import type { Picture } from './canvas.js';
import { canvasBytes } from './canvas.js';

const COLOURS = {
  black: '#1f2937',
  red: '#dc2626',
  blue: '#2563eb',
  green: '#16a34a',
  yellow: '#eab308',
  purple: '#9333ea',
} as const;
type Colour = keyof typeof COLOURS;
interface Stroke {
  colour: Colour;
  points: [number, number][];
}

const WIDTH = 600;
const HEIGHT = 400;

function paint(canvas: HTMLCanvasElement, strokes: readonly Stroke[]): void {
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

/** A doodle canvas: a few colours, undo, start again; sent as PNG. */
export function DoodlePad({ onSend }: { onSend: (p: Picture) => Promise<void> }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const [colour, setColour] = useState<Colour>('blue');
  const [busy, setBusy] = useState(false);
  const drawing = useRef(false);

  useEffect(() => {
    if (canvas.current) paint(canvas.current, strokes);
  }, [strokes]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>): [number, number] => {
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
      setStrokes([]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="kt-stack kt-doodle">
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        className="kt-doodle__canvas"
        role="img"
        aria-label={t('chat.draw.canvas')}
        data-testid="doodle-canvas"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          setStrokes((s) => [...s, { colour, points: [point(e)] }]);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const p = point(e);
          setStrokes((s) => {
            const last = s.at(-1);
            return last ? [...s.slice(0, -1), { ...last, points: [...last.points, p] }] : s;
          });
        }}
        onPointerUp={() => (drawing.current = false)}
        onPointerCancel={() => (drawing.current = false)}
      />
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
          onClick={() => setStrokes((s) => s.slice(0, -1))}
          disabled={strokes.length === 0}
          data-testid="doodle-undo"
        >
          {t('chat.draw.undo')}
        </Button>
        <Button
          variant="secondary"
          icon="🧽"
          onClick={() => setStrokes([])}
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
