/** The named refusals of `verikit release` (exit 2). */
import { VerikitError } from '../core/errors.ts';

export type ReleaseErrorCode = 'VK_RELEASE_SNAPSHOT' | 'VK_RELEASE_STALE' | 'VK_RELEASE_EXISTS' | 'VK_RELEASE_NPM';

export class ReleaseError extends VerikitError {
  constructor(code: ReleaseErrorCode, message: string, fix: string) {
    super(code, message, fix, 2);
    this.name = 'ReleaseError';
  }
}
