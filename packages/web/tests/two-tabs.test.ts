import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/browser.js';
import { fill, signUpGuardian, strings } from './support/families.js';
import { browserSuite } from './support/suite.js';

const en = strings('en');

/** The app's IndexedDB databases in the page's origin, each with how many records it holds. */
function storedData(page: Page): Promise<{ name: string; records: number }[]> {
  return page.evaluate(async () => {
    const request = <T>(req: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const out: { name: string; records: number }[] = [];
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith('kidtalk')) continue;
      // Listed, so it exists: opening it does not create it.
      const db = await request(indexedDB.open(name));
      let records = 0;
      for (const store of Array.from(db.objectStoreNames))
        records += await request(db.transaction(store).objectStore(store).count());
      db.close();
      out.push({ name, records });
    }
    return out;
  });
}

describe.runIf(chromiumAvailable())('the grown-ups’ app open in two tabs', () => {
  const suite = browserSuite();

  it('signing out in one tab signs the other out at once, and nothing stays stored', async () => {
    const person = await suite.person();
    await signUpGuardian(suite.server, person, 'Ana');
    const home = { name: fill(en.grownUps.home.title, { name: 'Ana' }) };
    const signIn = { name: en.grownUps.signIn.title };
    const first = person.page;
    const firstSocket = first.waitForEvent('websocket');
    await first.reload();
    await first.getByRole('heading', home).waitFor();
    const replaced = (await firstSocket).waitForEvent('close');
    const second = await person.context.newPage();
    await second.goto('/grown-ups');
    await second.getByRole('heading', home).waitFor();
    // The second tab's connection replaced the first's (one socket per device): from here the
    // server cannot tell the first tab anything; only the store both tabs share can.
    await replaced;
    const before = await storedData(second);
    expect(before.length).toBe(1);
    expect(before[0]!.records).toBeGreaterThan(0);

    await second.getByRole('button', { name: en.grownUpScreens.common.signOut }).first().click();
    await second.getByRole('heading', signIn).waitFor();
    await first.getByRole('heading', signIn).waitFor({ timeout: 15_000 });
    expect(await first.getByRole('heading', home).count()).toBe(0);
    // Neither tab leaves the database behind, not even an empty one.
    await expect.poll(() => storedData(first), { timeout: 15_000 }).toEqual([]);
    expect(await storedData(second)).toEqual([]);
  });
});
