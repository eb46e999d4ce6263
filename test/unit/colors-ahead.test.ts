import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ColorsAhead } from '../../content/colors-ahead';

describe('ColorsAhead', () => {
  let expired: number;
  let ahead: ColorsAhead;

  beforeEach(() => {
    vi.useFakeTimers();
    expired = 0;
    ahead = new ColorsAhead(10_000, () => expired++);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('lays colors being saved over the stored ones, a removal included', () => {
    expect(ahead.set('title', '#010203', 'p1', { title: '#FF0000', hover: '#00FF00' })).toBe(true);
    expect(ahead.set('hover', null, 'p2', { title: '#FF0000', hover: '#00FF00' })).toBe(true);
    expect(ahead.over({ title: '#FF0000', hover: '#00FF00', subtitle: '#0000FF' })).toEqual({ title: '#010203', subtitle: '#0000FF' });
  });

  it('holds nothing for a color already stored, unless a save of its slot is under way', () => {
    expect(ahead.set('title', '#FF0000', 'p1', { title: '#FF0000' })).toBe(false);
    expect(ahead.over({ title: '#00FF00' })).toEqual({ title: '#00FF00' });
    ahead.set('title', '#010203', 'p2', { title: '#FF0000' });
    expect(ahead.set('title', '#FF0000', 'p3', { title: '#FF0000' })).toBe(true);
    expect(ahead.over({ title: '#010203' })).toEqual({ title: '#FF0000' }); // the first save's record
  });

  it('is confirmed by a record that brings the color, and only then gives way to later records', () => {
    ahead.set('title', '#040506', 'p1', { title: '#FF0000' });
    ahead.confirm({ title: '#010203' }, { title: '#FF0000' });
    expect(ahead.over({ title: '#010203' })).toEqual({ title: '#040506' });
    ahead.confirm({ title: '#040506' }, { title: '#010203' });
    expect(ahead.over({ title: '#0A0B0C' })).toEqual({ title: '#0A0B0C' });
  });

  it('is not confirmed by a record that holds the color but does not bring it', () => {
    ahead.set('title', '#010203', 'p1', { title: '#FF0000' });
    ahead.set('title', '#FF0000', 'p2', { title: '#FF0000' }); // typed back
    ahead.confirm({ title: '#FF0000' }, { title: '#FF0000' }); // a save of another field
    ahead.confirm({ title: '#010203' }, { title: '#FF0000' }); // the first color's save
    expect(ahead.over({ title: '#010203' })).toEqual({ title: '#FF0000' });
    ahead.confirm({ title: '#FF0000' }, { title: '#010203' }); // the second's: it brings it
    expect(ahead.over({ title: '#0A0B0C' })).toEqual({ title: '#0A0B0C' });
  });

  it('drops only the preview it is asked to', () => {
    ahead.set('title', '#010203', 'p1', {});
    ahead.set('title', '#040506', 'p2', {});
    ahead.set('title', '#010203', 'p3', {});
    expect(ahead.drop('title', 'p1')).toBe(false);
    expect(ahead.over({})).toEqual({ title: '#010203' });
    expect(ahead.drop('title', 'p3')).toBe(true);
    expect(ahead.drop('title', 'p3')).toBe(false);
    expect(ahead.over({})).toEqual({});
  });

  it('lets an unconfirmed color go after its limit, each preview on its own clock', () => {
    ahead.set('title', '#010203', 'p1', {});
    vi.advanceTimersByTime(6_000);
    ahead.set('title', '#010203', 'p2', {});
    vi.advanceTimersByTime(6_000);
    expect(expired).toBe(0);
    expect(ahead.over({})).toEqual({ title: '#010203' });
    vi.advanceTimersByTime(4_000);
    expect(expired).toBe(1);
    expect(ahead.over({})).toEqual({});
  });
});
