import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/browser.js';
import { fill, siblingsOnDevices, signUpGuardian, strings } from './support/families.js';
import { openChatFromChatsTab } from './support/scenes.js';
import { browserSuite } from './support/suite.js';

const en = strings('en');

/** The pad's default colour (blue, #2563eb), as the canvas stores it. */
const BLUE = [37, 99, 235];
const WHITE = [255, 255, 255];

/*
 * Where the keyboard's pen goes, in the pad's 600×400 pixels: it starts in the middle
 * (300, 200), Shift+arrow moves it 25, a plain arrow 5. The line is drawn from (200, 200) to
 * (400, 200); the pen then moves down with the pen up, which must leave no ink.
 */
const ON_LINE = [
  [200, 200],
  [300, 200],
  [400, 200],
] as const;
const OFF_LINE = [
  [150, 200],
  [300, 230],
  [400, 225],
] as const;

interface Pixels {
  width: number;
  height: number;
  /** Pixels neither white nor transparent. */
  inked: number;
  /** [r, g, b] at each point asked for. */
  at: number[][];
}

/**
 * A canvas's or a loaded image's pixels, read back in the page: copied onto a canvas of its
 * own size, so the pad and the picture sent from it are read the same way.
 */
function pixels(target: Locator, points: readonly (readonly [number, number])[]): Promise<Pixels> {
  return target.evaluate(
    async (el, pts) => {
      const source = el as HTMLCanvasElement | HTMLImageElement;
      if (source instanceof HTMLImageElement) await source.decode();
      const width = source instanceof HTMLImageElement ? source.naturalWidth : source.width;
      const height = source instanceof HTMLImageElement ? source.naturalHeight : source.height;
      const copy = document.createElement('canvas');
      copy.width = width;
      copy.height = height;
      const ctx = copy.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(source, 0, 0);
      const data = ctx.getImageData(0, 0, width, height).data;
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) {
        const white = data[i]! > 250 && data[i + 1]! > 250 && data[i + 2]! > 250;
        if (data[i + 3]! > 0 && !white) inked++;
      }
      const at = pts.map(([x, y]) => {
        const i = (y * width + x) * 4;
        return [data[i]!, data[i + 1]!, data[i + 2]!];
      });
      return { width, height, inked, at };
    },
    points.map(([x, y]) => [x, y] as [number, number]),
  );
}

describe.runIf(chromiumAvailable())('the kids’ draw tool, by keyboard', () => {
  const suite = browserSuite();

  it('draws a line with the arrows and Space/Enter, sends it as a picture, and the friend receives it', async () => {
    const grownUp = await suite.person();
    const guardian = await signUpGuardian(suite.server, grownUp, 'Ana');
    const friend = await suite.person();
    const kid = await suite.person();
    // Kai's sister, an approved contact on her own device: the other end of the chat.
    const [mia, kai] = await siblingsOnDevices(
      suite.server,
      guardian,
      [friend, { displayName: 'Mia', pin: '5937' }],
      [kid, { displayName: 'Kai', pin: '4829' }],
    );
    const [child, sister] = [kai.child, mia.child];

    await friend.page.goto(`/kid/chats/${child.publicId}`);
    await friend.page.getByTestId('chat').waitFor();

    // Kai opens the chat with Mia from the chats tab, then the draw tool.
    const { page } = kid;
    await openChatFromChatsTab(page, sister.displayName);
    await page.getByTestId('composer-draw').click();
    const canvas = page.getByRole('application', { name: en.chat.draw.canvas });
    await canvas.waitFor();
    const send = page.getByTestId('doodle-send');
    // A blank page cannot be sent, and is blank.
    expect(await send.isDisabled()).toBe(true);
    expect((await pixels(canvas, ON_LINE)).inked).toBe(0);

    // Only the keyboard from here: move, pen down, move, pen up, move again.
    await canvas.focus();
    const pen = page.getByTestId('doodle-pen');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Space');
    await expect.poll(() => pen.getAttribute('data-down')).toBe('true');
    await page.getByRole('status').filter({ hasText: en.chat.draw.penDown }).waitFor();
    for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => pen.getAttribute('data-down')).toBe('false');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');

    const drawn = await pixels(canvas, [...ON_LINE, ...OFF_LINE]);
    expect(drawn.at).toEqual([BLUE, BLUE, BLUE, WHITE, WHITE, WHITE]);
    // A line 200 px long and 8 wide, edges smoothed: far more than a dot, far less than a page.
    expect(drawn.inked).toBeGreaterThan(1500);
    expect(drawn.inked).toBeLessThan(4000);
    expect(await send.isEnabled()).toBe(true);
    await send.click();

    // Sent: the panel closes, and Kai's chat shows the drawing as a picture, pixel for pixel.
    await page.getByTestId('panel-draw').waitFor({ state: 'detached', timeout: 60_000 });
    const mine = page.locator('[data-testid="message"][data-type="drawing"][data-mine="true"]');
    await expect.poll(() => mine.count(), { timeout: 60_000 }).toBe(1);
    const picture = mine.getByRole('img');
    await picture.waitFor({ timeout: 60_000 });
    const sent = await pixels(picture, [...ON_LINE, ...OFF_LINE]);
    expect({ width: sent.width, height: sent.height }).toEqual({ width: 600, height: 400 });
    expect(sent.at).toEqual(drawn.at);
    expect(sent.inked).toBe(drawn.inked);

    // Mia's open chat receives it: a drawing, from Kai.
    const received = friend.page.locator(
      '[data-testid="message"][data-type="drawing"][data-mine="false"]',
    );
    await expect.poll(() => received.count(), { timeout: 60_000 }).toBe(1);
    expect(await received.innerText()).toContain(
      fill(en.chat.view.fromThem, { name: child.displayName }),
    );
    // ...and shows the very picture: the one download its device gets is shared by every render.
    const theirs = received.getByRole('img');
    await theirs.waitFor({ timeout: 60_000 });
    const got = await pixels(theirs, [...ON_LINE, ...OFF_LINE]);
    expect(got.at).toEqual(drawn.at);
    expect(got.inked).toBe(drawn.inked);
    expect([...kid.pageErrors, ...friend.pageErrors]).toEqual([]);
  });
});
