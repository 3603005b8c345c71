import { describe, expect, it } from 'vitest';
import type { Doodle, PenCommand } from './doodle-state.js';
import {
  clear,
  emptyDoodle,
  extendStroke,
  liftPen,
  penCommand,
  pressKey,
  SHIFT_STEP,
  startStroke,
  STEP,
  undo,
} from './doodle-state.js';

const SIZE = { width: 600, height: 400 };
type Colour = 'blue' | 'red';

/** Presses keys one after another, as the pad would. */
function press(
  doodle: Doodle<Colour>,
  keys: (string | [string, 'shift'])[],
  colour: Colour = 'blue',
) {
  return keys.reduce((d, k) => {
    const [key, shift] = typeof k === 'string' ? [k, false] : [k[0], true];
    const command = penCommand(key, shift);
    return command ? pressKey(d, command, colour, SIZE) : d;
  }, doodle);
}

describe('penCommand', () => {
  it('moves a few pixels with an arrow, further with Shift', () => {
    expect(penCommand('ArrowRight', false)).toEqual({ kind: 'move', dx: STEP, dy: 0 });
    expect(penCommand('ArrowLeft', false)).toEqual({ kind: 'move', dx: -STEP, dy: 0 });
    expect(penCommand('ArrowUp', false)).toEqual({ kind: 'move', dx: 0, dy: -STEP });
    expect(penCommand('ArrowDown', true)).toEqual({ kind: 'move', dx: 0, dy: SHIFT_STEP });
    expect(STEP).toBeGreaterThan(0);
    expect(SHIFT_STEP).toBeGreaterThan(STEP);
  });

  it('toggles the pen with Space or Enter', () => {
    expect(penCommand(' ', false)).toEqual({ kind: 'toggle' });
    expect(penCommand('Enter', false)).toEqual({ kind: 'toggle' });
  });

  it('leaves every other key to the browser, Tab above all', () => {
    for (const key of ['Tab', 'Escape', 'a', 'Home', 'Shift']) {
      expect(penCommand(key, false), key).toBeUndefined();
      expect(penCommand(key, true), key).toBeUndefined();
    }
  });
});

describe('the keyboard pen', () => {
  const start = emptyDoodle<Colour>(SIZE);

  it('starts up, in the middle of an empty page', () => {
    expect(start).toEqual({ strokes: [], pen: { at: [300, 200], down: false } });
  });

  it('moves without drawing while up', () => {
    const d = press(start, ['ArrowRight', 'ArrowDown', ['ArrowLeft', 'shift']]);
    expect(d.pen).toEqual({ at: [300 + STEP - SHIFT_STEP, 200 + STEP], down: false });
    expect(d.strokes).toEqual([]);
    // Nothing to repaint: the page is the same array.
    expect(d.strokes).toBe(start.strokes);
  });

  it('leaves a dot where it is put down, in the colour picked', () => {
    const d = press(start, [' '], 'red');
    expect(d.pen.down).toBe(true);
    expect(d.strokes).toEqual([{ colour: 'red', points: [[300, 200]] }]);
  });

  it('draws a line while down, and stops drawing once lifted', () => {
    const d = press(start, ['Enter', 'ArrowRight', 'ArrowRight', 'Enter', 'ArrowDown']);
    expect(d.strokes).toEqual([
      {
        colour: 'blue',
        points: [
          [300, 200],
          [300 + STEP, 200],
          [300 + 2 * STEP, 200],
        ],
      },
    ]);
    expect(d.pen).toEqual({ at: [300 + 2 * STEP, 200 + STEP], down: false });
  });

  it('starts a new stroke each time it goes down', () => {
    const d = press(start, [' ', 'ArrowUp', ' ', 'ArrowUp', ' ', 'ArrowUp'], 'red');
    expect(d.strokes.map((s) => s.points)).toEqual([
      [
        [300, 200],
        [300, 200 - STEP],
      ],
      [
        [300, 200 - 2 * STEP],
        [300, 200 - 3 * STEP],
      ],
    ]);
  });

  it('stops at the edges, and a move that goes nowhere adds no point', () => {
    const left: PenCommand = { kind: 'move', dx: -SHIFT_STEP, dy: 0 };
    let d = pressKey(start, { kind: 'toggle' }, 'blue', SIZE);
    for (let i = 0; i < 20; i++) d = pressKey(d, left, 'blue', SIZE);
    expect(d.pen.at).toEqual([0, 200]);
    expect(d.strokes[0]!.points.at(-1)).toEqual([0, 200]);
    const points = d.strokes[0]!.points.length;
    expect(pressKey(d, left, 'blue', SIZE)).toBe(d);
    expect(d.strokes[0]!.points).toHaveLength(points);

    const corner = press(start, Array<[string, 'shift']>(30).fill(['ArrowDown', 'shift']));
    expect(corner.pen.at).toEqual([300, 400]);
    const far = press(corner, Array<[string, 'shift']>(30).fill(['ArrowRight', 'shift']));
    expect(far.pen.at).toEqual([600, 400]);
  });
});

describe('undo, clear and lifting the pen', () => {
  const drawn = press(emptyDoodle<Colour>(SIZE), [' ', 'ArrowRight', ' ', 'ArrowDown', ' ']);

  it('undo takes the last stroke away and lifts the pen, so the next move draws nothing', () => {
    expect(drawn.strokes).toHaveLength(2);
    expect(drawn.pen.down).toBe(true);
    const d = undo(drawn);
    expect(d.strokes).toEqual(drawn.strokes.slice(0, 1));
    expect(d.pen).toEqual({ at: drawn.pen.at, down: false });
    expect(press(d, ['ArrowRight']).strokes).toEqual(d.strokes);
  });

  it('clear empties the page and keeps the pen where it was, up', () => {
    const d = clear(drawn);
    expect(d.strokes).toEqual([]);
    expect(d.pen).toEqual({ at: drawn.pen.at, down: false });
  });

  it('lifting a pen that is up changes nothing', () => {
    const up = liftPen(drawn);
    expect(up.pen.down).toBe(false);
    expect(up.strokes).toBe(drawn.strokes);
    expect(liftPen(up)).toBe(up);
  });
});

describe('pointer strokes', () => {
  it('start a stroke at a point and extend the last one', () => {
    const one = startStroke<Colour>([], 'red', [10, 20]);
    const two = startStroke(one, 'blue', [30, 40]);
    expect(extendStroke(two, [35, 45])).toEqual([
      { colour: 'red', points: [[10, 20]] },
      {
        colour: 'blue',
        points: [
          [30, 40],
          [35, 45],
        ],
      },
    ]);
  });

  it('have nothing to extend before a stroke starts', () => {
    const none: readonly { colour: Colour; points: [number, number][] }[] = [];
    expect(extendStroke(none, [1, 1])).toBe(none);
  });
});
