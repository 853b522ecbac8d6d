import { cyrb128 } from "./prng.js";

/**
 * A stable resource id: a version-4-shaped UUID derived from the seed and a key naming the resource
 * ("admission/42/observation/17/pulse"). The same seed and key always give the same id, in batch output and in
 * live mode, so a live update of a resource keeps its id and a regenerated dataset matches the earlier one.
 */
export function stableUuid(seed: string, key: string): string {
  const [a, b, c, d] = cyrb128(`${seed}#${key}`);
  const hex = (value: number): string => value.toString(16).padStart(8, "0");
  const h = hex(a) + hex(b) + hex(c) + hex(d);
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The NHS number check digit (Modulus 11), or undefined when the nine digits have no valid check digit. */
export function nhsNumberCheckDigit(nineDigits: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(nineDigits.charAt(i)) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

/**
 * A valid NHS number in the 999 test range (never issued to real patients), unique for the first 500,000
 * patient indexes (the range holds a million nine-digit stems; beyond that numbers repeat). Nine-digit
 * stems 2i and 2i+1 never both lack a check digit (moving the last stem digit by one shifts the check by two),
 * so index i maps to one of its own two stems.
 */
export function sandboxNhsNumber(index: number): string {
  for (const stem of [2 * index, 2 * index + 1]) {
    const nine = `999${String(stem % 1_000_000).padStart(6, "0")}`;
    const check = nhsNumberCheckDigit(nine);
    if (check !== undefined) return `${nine}${check}`;
  }
  throw new RangeError(`no valid NHS number for patient index ${index}`);
}
