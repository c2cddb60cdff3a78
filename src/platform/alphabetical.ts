/** Compares names as a reader expects ("PE, Phonics, PSHE"; "Year 2" before "Year 10"), not by byte. */
export const compareAlphabetically = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true }).compare;
