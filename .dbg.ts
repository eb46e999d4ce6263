import { launchWithExtension, openBlogPage, openEditor, homeUrl } from './test/support/extension';
import { keepLargeJpeg, pick } from './bench/editor';
const session = await launchWithExtension();
try {
  const home = await openBlogPage(session, homeUrl);
  const editor = await openEditor(session, home);
  await keepLargeJpeg(editor, 'big');
  for (let run = 0; run < 3; run++) {
    await home.evaluate(() => {
      const w = window as unknown as { log: Array<[number, number]> };
      w.log = [];
      const el = document.querySelector('.user-profile-head-banner')!;
      let last = getComputedStyle(el).backgroundImage;
      new MutationObserver(() => {
        const now = getComputedStyle(el).backgroundImage;
        if (now !== last) { last = now; w.log.push([performance.timeOrigin + performance.now(), now.length]); }
      }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const t0 = await pick(editor, '博客头图', 'big');
    await editor.waitForTimeout(1200);
    const log = await home.evaluate(() => (window as unknown as { log: Array<[number, number]> }).log);
    console.log(log.map(([t, n]) => `${Math.round(t - t0)}ms:${Math.round(n / 1024)}KB`).join('  '));
  }
} finally { await session.close(); }
