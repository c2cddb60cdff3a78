/** What an emailed single-use link to an account is for: a new member of staff's first password, or a reset. */
export const ACCOUNT_TOKEN_PURPOSES = ['invitation', 'password-reset'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];
