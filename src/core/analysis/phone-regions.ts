/**
 * Country calling codes and region names, from libphonenumber-js metadata (the same "min" data
 * its parser uses) and Intl.DisplayNames. Only ever called on aggregated keys and one sample
 * number per key, never per call.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import metadata from 'libphonenumber-js/metadata.min.json';

const CALLING_CODES = new Set([...Object.keys(metadata.country_calling_codes), ...Object.keys(metadata.nonGeographic)]);

/** The country calling code (1–3 digits) at the start of `digits`, or null. Codes are prefix-free. */
export function callingCodeOf(digits: string): string | null {
  for (let len = 1; len <= 3 && len <= digits.length; len++) {
    const cc = digits.slice(0, len);
    if (CALLING_CODES.has(cc)) return cc;
  }
  return null;
}

/** Region (ISO 3166 alpha-2) of a full international number, when libphonenumber can tell. */
export function regionOfNumber(digits: string): string | null {
  return parsePhoneNumberFromString(`+${digits}`)?.country ?? null;
}

/** Is `digits` (country code first) a valid number by the metadata's patterns? */
export function isValidInternational(digits: string): boolean {
  return parsePhoneNumberFromString(`+${digits}`)?.isValid() ?? false;
}

/** The main region of a calling code (the metadata lists it first: 44 → GB, 7 → RU). */
export function mainRegionOf(cc: string): string | null {
  const regions = (metadata.country_calling_codes as Record<string, string[] | undefined>)[cc];
  return regions?.[0] ?? null;
}

let displayNames: Intl.DisplayNames | null | undefined;

/** "Jamaica" for JM; the code itself when the runtime has no names for it. */
export function regionName(region: string): string {
  if (displayNames === undefined) {
    try {
      displayNames = new Intl.DisplayNames(['en'], { type: 'region' });
    } catch {
      displayNames = null;
    }
  }
  try {
    return displayNames?.of(region) ?? region;
  } catch {
    return region;
  }
}

/** Label of a calling code's numbers: the sample's region, else the code's main region. */
export function countryLabel(cc: string, sampleDigits: string): string {
  if (!(cc in metadata.country_calling_codes)) return 'International (non-geographic)';
  const regions = (metadata.country_calling_codes as Record<string, string[] | undefined>)[cc] ?? [];
  const region = regions.length === 1 ? regions[0] : (regionOfNumber(sampleDigits) ?? mainRegionOf(cc));
  return region ? regionName(region) : '';
}
