import { Type, type Static } from 'typebox';
import { strict, Timestamp } from './common.js';

/**
 * A machine-readable export of everything the server holds about one account (P24): one
 * section per kind of record, each a list of rows with the stored column names. Secrets
 * (token and PIN hashes, codes) and message ciphertext are never included.
 */
export const DataExport = Type.Object(
  {
    format: Type.Literal('kidtalk-export-v1'),
    accountId: Type.String(),
    exportedAt: Timestamp,
    sections: Type.Record(
      Type.String(),
      Type.Array(
        Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
      ),
    ),
  },
  strict,
);
export type DataExport = Static<typeof DataExport>;
