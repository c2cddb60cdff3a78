/**
 * UK postcodes as people type them ("l176au", " L17  6AU") and as they are stored ("L17 6AU").
 * A postcode is an outward code (the district: "L17") then an inward code (a digit and two letters).
 */
const FULL_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;
const OUTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;

/** "L17 6AU" for any spacing or case of a full postcode; undefined for anything else. */
export function normalisePostcode(text: string): string | undefined {
  const match = FULL_POSTCODE.exec(text.toUpperCase().replace(/\s+/g, ''));
  return match ? `${match[1]} ${match[2]}` : undefined;
}

/** "L17" for any spacing or case of an outward code on its own; undefined for anything else. */
export function normaliseOutcode(text: string): string | undefined {
  const compact = text.toUpperCase().replace(/\s+/g, '');
  return OUTCODE.test(compact) ? compact : undefined;
}

/** The outward code of a normalised postcode: "L17" of "L17 6AU". */
export function outcodeOf(postcode: string): string {
  return postcode.slice(0, postcode.indexOf(' '));
}

/**
 * The outward code in what a person typed: an outcode on its own ("l17"), a full postcode, or a
 * postcode cut short after the space ("L17 6", "L17 6A"). Undefined for anything else.
 */
export function outcodeIn(text: string): string | undefined {
  const postcode = normalisePostcode(text);
  if (postcode) return outcodeOf(postcode);
  const partial = /^\s*([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)(\s+[0-9][A-Za-z]?)?\s*$/.exec(text);
  return partial ? partial[1]!.toUpperCase() : undefined;
}

/**
 * Postcode areas wholly outside England: Wales, Scotland, Northern Ireland and the Crown dependencies
 * (Royal Mail's areas; those that cross the border, such as CH, SY and TD, are left out, since some of
 * their postcodes are English).
 */
const AREAS_OUTSIDE_ENGLAND = new Set(
  ['CF', 'LD', 'LL', 'NP', 'SA'] // Wales
    .concat(['AB', 'DD', 'DG', 'EH', 'FK', 'G', 'HS', 'IV', 'KA', 'KW', 'KY', 'ML', 'PA', 'PH', 'ZE']) // Scotland
    .concat(['BT', 'GY', 'IM', 'JE']), // Northern Ireland, Guernsey, the Isle of Man, Jersey
);

/** True when the text is a postcode or outcode in an area with no school in England ("CF10 1AA", "EH1"). */
export function isPostcodeOutsideEngland(text: string): boolean {
  const outcode = outcodeIn(text);
  const area = outcode ? /^[A-Z]+/.exec(outcode)![0] : undefined;
  return area !== undefined && AREAS_OUTSIDE_ENGLAND.has(area);
}
