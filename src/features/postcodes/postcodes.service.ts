import type { Executor } from '../../db/database.ts';
import {
  findOutcode,
  findOutcodes,
  findPostcode,
  findPostcodes,
  type OutcodeRow,
  type PostcodeRow,
} from './postcodes.repository.ts';

/**
 * Where postcodes are: the centre of each full postcode (ONS Postcode Directory) and of each postcode
 * district, as the register of schools and the directory's "near" look them up.
 */
export type { OutcodeRow, PostcodeRow };

export function findPostcodeCentre(db: Executor, postcode: string): Promise<PostcodeRow | undefined> {
  return findPostcode(db, postcode);
}

export function findPostcodeCentres(db: Executor, postcodes: string[]): Promise<PostcodeRow[]> {
  return findPostcodes(db, postcodes);
}

export function findOutcodeCentre(db: Executor, outcode: string): Promise<OutcodeRow | undefined> {
  return findOutcode(db, outcode);
}

export function findOutcodeCentres(db: Executor, outcodes: string[]): Promise<OutcodeRow[]> {
  return findOutcodes(db, outcodes);
}
