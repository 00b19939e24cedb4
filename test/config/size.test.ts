import { describe, expect, it } from 'vitest';
import { parseByteSize } from '../../src/config/size.ts';

describe('--max-body sizes', () => {
  it.each([
    { given: '65536', want: 65536 }, { given: '64k', want: 65536 }, { given: '64KiB', want: 65536 }, { given: '1MiB', want: 1048576 },
    { given: '2m', want: 2097152 }, { given: '64MiB', want: 64 * 1024 * 1024 },
  ])('$given -> $want', ({ given, want }) => expect(parseByteSize('max-body', given)).toBe(want));
  it.each(['0', '100', '65MiB', '1e6', '-1', 'lots', '9999999999999999999'])('refuses %s with a usage error', (v) => {
    expect(() => parseByteSize('max-body', v)).toThrow(/--max-body must be a size from 1024 bytes to 64 MiB/);
  });
});
