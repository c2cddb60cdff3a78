import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newApplicationReference } from './application-reference.ts';

test('a reference names the designation, then six Crockford base 32 characters', () => {
  for (let i = 0; i < 200; i++) {
    assert.match(newApplicationReference('sle'), /^SLE-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
    assert.match(newApplicationReference('lle'), /^LLE-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
  }
});
