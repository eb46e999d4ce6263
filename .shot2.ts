import { launchWithExtension, openBlogPage, openEditor, homeUrl } from './test/support/extension';
import { asUpload, drawImage } from './test/support/images';
const session = await launchWithExtension();
try {
  const home = await openBlogPage(session, homeUrl);
  const editor = await openEditor(session, home);
  await editor.setViewportSize({ width: 420, height: 900 });
  const header = await drawImage(editor, { width: 4000, height: 400, type: 'image/jpeg', stripes: ['#1E3A8A', '#F59E0B', '#10B981', '#DC2626'], quality: 0.9 });
  await editor.getByLabel('博客头图', { exact: true }).setInputFiles(asUpload('banner.jpg', header, 'image/jpeg'));
  const frame = editor.getByRole('group', { name: /^裁剪框/ }).first();
  await frame.waitFor({ timeout: 20000 });
  await editor.waitForTimeout(500);
  console.log(await frame.getAttribute('aria-label'));
  for (const s of ['.cropper-container', '.cropper-canvas', '.cropper-crop-box', '.crop-area', '.crop', '.crop-zoom'])
    console.log(s, await editor.locator(s).first().evaluate((e) => [(e as HTMLElement).offsetWidth, (e as HTMLElement).offsetHeight, (e as HTMLElement).style.cssText]));
} finally { await session.close(); }
