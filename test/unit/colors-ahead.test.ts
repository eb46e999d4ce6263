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
    expect(ahead.set('title', '#010203', { title: '#FF0000', hover: '#00FF00' })).toBe(true);
    expect(ahead.set('hover', null, { title: '#FF0000', hover: '#00FF00' })).toBe(true);
    expect(ahead.over({ title: '#FF0000', hover: '#00FF00', subtitle: '#0000FF' })).toEqual({ title: '#010203', subtitle: '#0000FF' });
  });

  it('holds nothing for a color already stored, unless a save of its slot is under way', () => {
    expect(ahead.set('title', '#FF0000', { title: '#FF0000' })).toBe(false);
    expect(ahead.over({ title: '#00FF00' })).toEqual({ title: '#00FF00' });
    ahead.set('title', '#010203', { title: '#FF0000' });
    expect(ahead.set('title', '#FF0000', { title: '#FF0000' })).toBe(true);
    expect(ahead.over({ title: '#010203' })).toEqual({ title: '#FF0000' }); // the first save's record
  });

  it('is confirmed by a record holding the color, and only then gives way to later records', () => {
    ahead.set('title', '#040506', { title: '#FF0000' });
    ahead.confirm({ title: '#010203' });
    expect(ahead.over({ title: '#010203' })).toEqual({ title: '#040506' });
    ahead.confirm({ title: '#040506' });
    expect(ahead.over({ title: '#0A0B0C' })).toEqual({ title: '#0A0B0C' });
  });

  it('drops only the color it is asked to', () => {
    ahead.set('title', '#010203', {});
    expect(ahead.drop('title', '#040506')).toBe(false);
    expect(ahead.drop('title', '#010203')).toBe(true);
    expect(ahead.drop('title', '#010203')).toBe(false);
    expect(ahead.over({})).toEqual({});
  });

  it('lets an unconfirmed color go after its limit, each preview on its own clock', () => {
    ahead.set('title', '#010203', {});
    vi.advanceTimersByTime(6_000);
    ahead.set('title', '#010203', {});
    vi.advanceTimersByTime(6_000);
    expect(expired).toBe(0);
    expect(ahead.over({})).toEqual({ title: '#010203' });
    vi.advanceTimersByTime(4_000);
    expect(expired).toBe(1);
    expect(ahead.over({})).toEqual({});
  });
});
