/**
 * A typed Danish CPR number, checked as the CPR office defines it: `DDMMYY-SSSS`, a date that
 * exists in the century the seventh digit gives. Modulus 11 is not checked: numbers issued since
 * 2007 may fail it (SECURITY.md rule 14).
 */

/** The century a CPR number's year falls in, from its seventh digit and two-digit year. */
function century(seventh: number, yy: number): number {
  if (seventh <= 3) return 1900;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

/**
 * The 10 digits of a typed CPR number (hyphen and surrounding spaces allowed), or null when it is
 * not one.
 *
 * @example
 * ```ts
 * parseTypedCpr('070761-4285'); // '0707614285'
 * parseTypedCpr('300261-4285'); // null: 30 February
 * ```
 */
export function parseTypedCpr(input: string): string | null {
  const m = /^\s*([0-9]{6})-?([0-9]{4})\s*$/.exec(input);
  if (!m) return null;
  const digits = `${m[1]}${m[2]}`;
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const yy = Number(digits.slice(4, 6));
  const year = century(Number(digits[6]), yy) + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return digits;
}
