/**
 * Input validation for identities and free text: pure, platform-neutral functions that the server
 * and the browser elements share (no `node:*` imports anywhere below).
 */
export {
  type CalendarDate,
  type PersonnummerCheck,
  type PersonnummerProblem,
  checkPersonnummer,
  compareCalendarDates,
  isRealDate,
  isSamordningsnummer,
  luhnValid,
  maskPersonnummer,
  normalizePersonnummer,
  utcCalendarDate,
} from './personnummer.js';
export { MAX_HSA_ID_LENGTH, maskHsaId, validateHsaId } from './hsa-id.js';
export { type CprCheck, type CprProblem, checkCpr, cprBirthDate, cprMod11Valid, maskCpr, normalizeCpr } from './cpr.js';
export {
  type FodselsnummerCheck,
  type FodselsnummerProblem,
  checkFodselsnummer,
  isDNummer,
  maskFodselsnummer,
  normalizeFodselsnummer,
} from './fodselsnummer.js';
export { type HenkilotunnusCheck, type HenkilotunnusProblem, checkHenkilotunnus, maskHenkilotunnus, normalizeHenkilotunnus } from './henkilotunnus.js';
export {
  MAX_EMAIL_BYTES,
  MAX_PERSON_NAME_BYTES,
  assertNoOddUnicode,
  hasOddUnicode,
  MAX_EVALUATION_ANSWER_BYTES,
  evaluationAnswerText,
  normalizeEmail,
  normalizePhone,
  trimAsciiWhitespace,
  utf8Length,
  validatePersonName,
} from './text.js';
export { type NationalIdKind, type NationalIdMatch, findNationalIds } from './find-national-ids.js';
export { type IsoTimeCheck, type IsoTimeProblem, checkIsoTime } from './iso-time.js';
