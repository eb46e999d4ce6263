import { describe, expect, it } from 'vitest';
import { isHexColor, parseHexColor } from '../../src/color';

describe('parseHexColor', () => {
  it.each([
    ['#AFAFAF', '#AFAFAF'],
    ['#afafaf', '#AFAFAF'],
    ['AFAFAF', '#AFAFAF'],
    ['#AFA', '#AAFFAA'],
    ['abc', '#AABBCC'],
    ['  #0a0B0c  ', '#0A0B0C'],
  ])('reads %j as %s', (text, stored) => {
    expect(parseHexColor(text)).toBe(stored);
  });

  it.each([
    '',
    '#',
    '#AF',
    '#AFAF',
    '#AFAFA',
    '#AFAFAFA',
    '#AFAFAF80',
    'red',
    'rgb(1,2,3)',
    '#GGGGGG',
    '##AFAFAF',
    '#AFAFAF; background: url(x)',
    '#AFA}body{color:red',
    '#ＡＦＡ', // full-width letters look alike but are not hex
  ])('refuses %j', (text) => {
    expect(parseHexColor(text)).toBeNull();
  });
});

describe('isHexColor', () => {
  it('accepts only the stored form', () => {
    expect(isHexColor('#AFAFAF')).toBe(true);
    expect(isHexColor('#afafaf')).toBe(false);
    expect(isHexColor('#AFA')).toBe(false);
    expect(isHexColor(0xafafaf)).toBe(false);
  });
});
