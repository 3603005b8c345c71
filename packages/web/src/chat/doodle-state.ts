/**
 * What the doodle pad holds, kept apart from React and the canvas so it can be tested alone:
 * the strokes drawn so far, and the keyboard's pen (where it is, and whether it draws).
 * Coordinates are the canvas's own pixels, whatever size it is shown at.
 */

export type Point = readonly [number, number];

export interface Stroke<C extends string = string> {
  colour: C;
  points: readonly Point[];
}

export interface Pen {
  at: Point;
  /** Down: moving draws. */
  down: boolean;
}

export interface Doodle<C extends string = string> {
  strokes: readonly Stroke<C>[];
  pen: Pen;
}

export interface Size {
  width: number;
  height: number;
}

/** One arrow press, in canvas pixels: small enough to steer, Shift for crossing the page. */
export const STEP = 5;
export const SHIFT_STEP = 25;

export type PenCommand = { kind: 'move'; dx: number; dy: number } | { kind: 'toggle' };

const DIRECTIONS: Record<string, readonly [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** The pad's keys; anything else (Tab above all) is left to the browser. */
export function penCommand(key: string, shift: boolean): PenCommand | undefined {
  const direction = DIRECTIONS[key];
  if (direction) {
    const step = shift ? SHIFT_STEP : STEP;
    return { kind: 'move', dx: direction[0] * step, dy: direction[1] * step };
  }
  if (key === ' ' || key === 'Enter') return { kind: 'toggle' };
  return undefined;
}

export function emptyDoodle<C extends string>(size: Size): Doodle<C> {
  return { strokes: [], pen: { at: [size.width / 2, size.height / 2], down: false } };
}

export function startStroke<C extends string>(
  strokes: readonly Stroke<C>[],
  colour: C,
  at: Point,
): Stroke<C>[] {
  return [...strokes, { colour, points: [at] }];
}

/** Adds a point to the stroke being drawn; with no stroke yet there is nothing to extend. */
export function extendStroke<C extends string>(
  strokes: readonly Stroke<C>[],
  at: Point,
): readonly Stroke<C>[] {
  const last = strokes.at(-1);
  return last ? [...strokes.slice(0, -1), { ...last, points: [...last.points, at] }] : strokes;
}

const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);

/**
 * A key pressed on the pad. Putting the pen down leaves a dot where it is (a stroke of one
 * point); moving it while down draws a line to where it lands. The pen stops at the edges, and
 * a move that goes nowhere adds no point.
 */
export function pressKey<C extends string>(
  doodle: Doodle<C>,
  command: PenCommand,
  colour: C,
  size: Size,
): Doodle<C> {
  const { pen, strokes } = doodle;
  if (command.kind === 'toggle') {
    return pen.down
      ? { strokes, pen: { ...pen, down: false } }
      : { strokes: startStroke(strokes, colour, pen.at), pen: { ...pen, down: true } };
  }
  const at: Point = [
    clamp(pen.at[0] + command.dx, size.width),
    clamp(pen.at[1] + command.dy, size.height),
  ];
  if (at[0] === pen.at[0] && at[1] === pen.at[1]) return doodle;
  return { strokes: pen.down ? extendStroke(strokes, at) : strokes, pen: { at, down: pen.down } };
}

/**
 * The keyboard's pen goes up whenever its stroke stops being the last one or the pad loses
 * the keyboard: otherwise the next arrow would draw on a stroke undone, on one drawn by the
 * pointer, or in the colour picked since.
 */
export function liftPen<C extends string>(doodle: Doodle<C>): Doodle<C> {
  return doodle.pen.down ? { ...doodle, pen: { ...doodle.pen, down: false } } : doodle;
}

export function undo<C extends string>(doodle: Doodle<C>): Doodle<C> {
  return liftPen({ ...doodle, strokes: doodle.strokes.slice(0, -1) });
}

/** Empties the page; the pen stays where it was, up. */
export function clear<C extends string>(doodle: Doodle<C>): Doodle<C> {
  return liftPen({ ...doodle, strokes: [] });
}
