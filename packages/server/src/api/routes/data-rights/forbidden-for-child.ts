import { ErrorCode } from '@kidtalk/protocol';
import { DomainError } from '../../../errors.js';

/** Self-service data rights are an adult's; a child's go through their guardians (P24). */
export const forbiddenForChild = () =>
  new DomainError(ErrorCode.Forbidden, 'a guardian does this for a child account');
