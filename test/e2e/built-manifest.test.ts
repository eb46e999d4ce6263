/** What the builds really ship: crxjs adds to the manifest, so the source is not enough to check. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe.each(['chrome', 'firefox'])('dist/%s/manifest.json', (target) => {
  const path = `dist/${target}/manifest.json`;

  it('exposes no file to web pages', () => {
    if (!existsSync(path)) throw new Error(`${path} is missing: build first with \`npm run build\``);
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(manifest).not.toHaveProperty('web_accessible_resources');
    expect(manifest).not.toHaveProperty('externally_connectable');
    expect(manifest.permissions).toEqual(['storage', 'unlimitedStorage', 'scripting']);
  });
});
