import { launchWithExtension, openBlogPage, openEditor, homeUrl } from './test/support/extension';
import { asUpload, drawImage } from './test/support/images';
const session = await launchWithExtension();
try {
  const home = await openBlogPage(session, homeUrl);
  await home.setViewportSize({ width: 1280, height: 700 });
  const editor = await openEditor(session, home);
  await editor.setViewportSize({ width: 400, height: 1450 });
  const header = await drawImage(editor, { width: 4000, height: 400, type: 'image/jpeg', stripes: ['#1E3A8A', '#F59E0B', '#10B981', '#DC2626'], caption: 'MAIN', quality: 0.9 });
  const bg = await drawImage(editor, { width: 400, height: 400, type: 'image/png', stripes: ['#FDE68A', '#A7F3D0'] });
  const col = await drawImage(editor, { width: 600, height: 76, type: 'image/png', stripes: ['#7C3AED', '#DB2777'] });
  const t0 = Date.now();
  await editor.getByLabel('博客头图', { exact: true }).setInputFiles(asUpload('banner.jpg', header, 'image/jpeg'));
  await editor.getByRole('group', { name: /^裁剪框/ }).first().waitFor({ timeout: 20000 });
  console.log('header frame after', Date.now() - t0);
  await editor.getByLabel('博客底图', { exact: true }).setInputFiles(asUpload('bg.png', bg, 'image/png'));
  await editor.getByLabel('栏目图', { exact: true }).setInputFiles(asUpload('col.png', col, 'image/png'));
  await editor.waitForTimeout(1500);
  console.log(await editor.getByRole('alert').allInnerTexts());
  console.log(await editor.locator('.notes').allInnerTexts());
  await editor.screenshot({ path: '/tmp/shots/editor.png', fullPage: false });
  await home.bringToFront();
  await home.screenshot({ path: '/tmp/shots/home.png' });
} finally { await session.close(); }
