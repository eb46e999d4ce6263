import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };

const blogHosts = ['https://blog.csdn.net/*', 'https://*.blog.csdn.net/*'];

describe('the manifest', () => {
  it('asks only for storage, scripting (the hold script, image sheets) and CSDN blog pages', () => {
    expect(manifest.permissions).toEqual(['storage', 'unlimitedStorage', 'scripting']);
    expect(manifest.host_permissions).toEqual(blogHosts);
    expect(manifest).not.toHaveProperty('optional_permissions');
  });

  it('runs its content script on blog pages only, before the page paints', () => {
    expect(manifest.content_scripts).toEqual([
      { matches: blogHosts, js: ['content/main.iife.ts'], run_at: 'document_start' },
    ]);
  });

  it('has one background script, which inserts image sheets', () => {
    expect(manifest.background).toEqual({ service_worker: 'background/worker.ts', type: 'module' });
  });

  it('exposes nothing to pages or other extensions', () => {
    expect(manifest).not.toHaveProperty('web_accessible_resources');
    expect(manifest).not.toHaveProperty('externally_connectable');
  });
});

describe('the host list the editor asks for', () => {
  it('is the manifest host_permissions', async () => {
    const { blogHostPatterns } = await import('../../src/sites/csdn');
    expect(blogHostPatterns).toEqual(manifest.host_permissions);
  });
});
