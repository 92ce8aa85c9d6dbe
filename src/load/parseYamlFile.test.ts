import { describe, expect, it } from 'vitest';
import { lazyMap, parseYamlFile, pathKey, releaseLazyMap } from './parseYamlFile.ts';

describe('lazyMap', () => {
  it('is made when first read, let go by releaseLazyMap with the maps it was made from, and made again if read again', () => {
    let made = 0;
    let madeFrom = 0;
    const from = lazyMap(() => {
      madeFrom++;
      return new Map([['a', 1]]);
    });
    const map = lazyMap(() => {
      made++;
      return new Map([...from, ['b', 2]]);
    }, [from]);
    expect(made).toBe(0);
    expect(map.get('b')).toBe(2);
    expect(map.size).toBe(2);
    expect([made, madeFrom]).toEqual([1, 1]);
    releaseLazyMap(map);
    expect([...map]).toEqual([['a', 1], ['b', 2]]);
    expect([made, madeFrom]).toEqual([2, 2]);
  });

  it('leaves a plain map as it is', () => {
    const map = new Map([['a', 1]]);
    releaseLazyMap(map);
    expect(map.get('a')).toBe(1);
  });
});

describe('the positions of a file read the fast way', () => {
  it('are the same after they are let go and found again', () => {
    const parsed = parseYamlFile(new TextEncoder().encode('school:\n  name: Oak Primary\nlockout_minutes: 5\n'), 'schools/oak.yaml');
    const { locations } = parsed.value!;
    const before = locations.get(pathKey(['lockout_minutes']));
    expect(before?.value).toMatchObject({ line: 3, column: 18 });
    releaseLazyMap(locations);
    expect(locations.get(pathKey(['lockout_minutes']))).toEqual(before);
  });
});
