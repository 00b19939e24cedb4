/** The named refusals of `verikit merge` (exit 2): each says which shard report and what to do. */
import { VerikitError } from '../core/errors.ts';

export type MergeErrorCode =
  | 'VK_MERGE_INPUT'
  | 'VK_MERGE_SEED'
  | 'VK_MERGE_SPECS'
  | 'VK_MERGE_VERSION'
  | 'VK_MERGE_TARGET'
  | 'VK_MERGE_FILTERS'
  | 'VK_MERGE_SHARD_MISSING'
  | 'VK_MERGE_SHARD_DUPLICATE'
  | 'VK_MERGE_LIMIT';

export class MergeError extends VerikitError {
  constructor(code: MergeErrorCode, message: string, fix: string) {
    super(code, message, fix, 2);
    this.name = 'MergeError';
  }
}
