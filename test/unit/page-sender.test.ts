import type { Runtime } from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import { injectionTarget } from '../../background/inserted-sheets';
import { pageSender } from '../../background/page-sender';

describe('pageSender: who may ask the background', () => {
  const ours = 'extension-id';
  const url = 'https://blog.csdn.net/baxiaoshi2020/article/details/1';
  const sender = (more: Partial<Runtime.MessageSender> = {}): Runtime.MessageSender => ({
    id: ours,
    url,
    tab: { id: 7 } as Runtime.MessageSender['tab'],
    frameId: 3,
    ...more,
  });
  const ask = { type: 'canvas-layers', blog: 'baxiaoshi2020' };

  it('is a page of the blog its message names, in a tab: that blog, its address and its frame', () => {
    expect(pageSender(sender({ documentId: 'doc-1' }), ask, ours)).toEqual({
      blog: 'baxiaoshi2020',
      url,
      frame: { tabId: 7, frameId: 3, documentId: 'doc-1' },
    });
    expect(pageSender(sender({ frameId: undefined }), ask, ours)?.frame.frameId).toBe(0);
  });

  it.each([
    ['another blog named in the message', sender(), { ...ask, blog: 'someone_else' }],
    ['no blog named', sender(), { type: 'canvas-layers' }],
    ['a page that is not a blog', sender({ url: 'https://www.csdn.net/' }), ask],
    ['a page that is not a blog, naming none', sender({ url: 'https://www.csdn.net/' }), { ...ask, blog: null }],
    ['a page not over https', sender({ url: 'http://blog.csdn.net/baxiaoshi2020' }), ask],
    ['another extension', sender({ id: 'other' }), ask],
    ['no tab (an extension page)', sender({ tab: undefined }), ask],
    ['no address', sender({ url: undefined }), ask],
  ])('refuses %s', (_case, from, message) => {
    expect(pageSender(from, message, ours)).toBeNull();
  });
});

describe('injectionTarget', () => {
  it('names the one document where the browser names it, else the frame', () => {
    expect(injectionTarget({ tabId: 7, frameId: 3, documentId: 'doc-1' })).toEqual({ tabId: 7, documentIds: ['doc-1'] });
    expect(injectionTarget({ tabId: 7, frameId: 3 })).toEqual({ tabId: 7, frameIds: [3] });
  });
});
