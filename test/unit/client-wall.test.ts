import { describe, expect, it } from 'vitest';
import { splitRows } from '../../client/views/wall/WaitingCallList.tsx';

describe('waiting rows on the wall', () => {
  it('lists everyone when they fit', () => {
    expect(splitRows(2, 3)).toEqual({ shown: 2, more: 0 });
    expect(splitRows(3, 3)).toEqual({ shown: 3, more: 0 });
  });
  it('gives the last row to "+n more" when they do not', () => {
    expect(splitRows(4, 3)).toEqual({ shown: 2, more: 2 });
    expect(splitRows(9, 1)).toEqual({ shown: 0, more: 9 });
  });
  it('caps the rows before the first measurement and after it', () => {
    expect(splitRows(20, null)).toEqual({ shown: 11, more: 9 });
    expect(splitRows(20, 40)).toEqual({ shown: 11, more: 9 });
  });
});
