/**
 * Every string table in all five languages at once, for tests that compare what an element shows
 * with what it should say. The elements themselves load one language at a time (see `Catalog`).
 */
import type { Translations } from '../i18n/localize.js';
import type { ChairActionStrings } from '../i18n/strings/chair-actions.js';
import type { DeviceCheckStrings } from '../i18n/strings/device-check.js';
import type { MediaGuidanceStrings } from '../i18n/strings/media-guidance.js';
import type { MeetingRoomStrings } from '../i18n/strings/meeting-room.js';
import type { MeetingStrings } from '../i18n/strings/meeting.js';
import type { RosterStrings } from '../i18n/strings/roster.js';
import type { VerifyIdentityStrings } from '../i18n/strings/verify-identity.js';
import { strings as deviceCheckEn } from '../i18n/strings/en/device-check.js';
import { strings as deviceCheckSv } from '../i18n/strings/sv/device-check.js';
import { strings as deviceCheckDa } from '../i18n/strings/da/device-check.js';
import { strings as deviceCheckNb } from '../i18n/strings/nb/device-check.js';
import { strings as deviceCheckFi } from '../i18n/strings/fi/device-check.js';
import { strings as mediaGuidanceEn } from '../i18n/strings/en/media-guidance.js';
import { strings as mediaGuidanceSv } from '../i18n/strings/sv/media-guidance.js';
import { strings as mediaGuidanceDa } from '../i18n/strings/da/media-guidance.js';
import { strings as mediaGuidanceNb } from '../i18n/strings/nb/media-guidance.js';
import { strings as mediaGuidanceFi } from '../i18n/strings/fi/media-guidance.js';
import { strings as meetingRoomEn } from '../i18n/strings/en/meeting-room.js';
import { strings as meetingRoomSv } from '../i18n/strings/sv/meeting-room.js';
import { strings as meetingRoomDa } from '../i18n/strings/da/meeting-room.js';
import { strings as meetingRoomNb } from '../i18n/strings/nb/meeting-room.js';
import { strings as meetingRoomFi } from '../i18n/strings/fi/meeting-room.js';
import { strings as meetingEn } from '../i18n/strings/en/meeting.js';
import { strings as meetingSv } from '../i18n/strings/sv/meeting.js';
import { strings as meetingDa } from '../i18n/strings/da/meeting.js';
import { strings as meetingNb } from '../i18n/strings/nb/meeting.js';
import { strings as meetingFi } from '../i18n/strings/fi/meeting.js';
import { strings as rosterEn } from '../i18n/strings/en/roster.js';
import { strings as rosterSv } from '../i18n/strings/sv/roster.js';
import { strings as rosterDa } from '../i18n/strings/da/roster.js';
import { strings as rosterNb } from '../i18n/strings/nb/roster.js';
import { strings as rosterFi } from '../i18n/strings/fi/roster.js';
import { strings as verifyIdentityEn } from '../i18n/strings/en/verify-identity.js';
import { strings as verifyIdentitySv } from '../i18n/strings/sv/verify-identity.js';
import { strings as verifyIdentityDa } from '../i18n/strings/da/verify-identity.js';
import { strings as verifyIdentityNb } from '../i18n/strings/nb/verify-identity.js';
import { strings as verifyIdentityFi } from '../i18n/strings/fi/verify-identity.js';
import { strings as chairActionEn } from '../i18n/strings/en/chair-actions.js';
import { strings as chairActionSv } from '../i18n/strings/sv/chair-actions.js';
import { strings as chairActionDa } from '../i18n/strings/da/chair-actions.js';
import { strings as chairActionNb } from '../i18n/strings/nb/chair-actions.js';
import { strings as chairActionFi } from '../i18n/strings/fi/chair-actions.js';

export const deviceCheckStrings: Translations<DeviceCheckStrings> = {
  en: deviceCheckEn,
  sv: deviceCheckSv,
  da: deviceCheckDa,
  nb: deviceCheckNb,
  fi: deviceCheckFi,
};
export const mediaGuidanceStrings: Translations<MediaGuidanceStrings> = {
  en: mediaGuidanceEn,
  sv: mediaGuidanceSv,
  da: mediaGuidanceDa,
  nb: mediaGuidanceNb,
  fi: mediaGuidanceFi,
};
export const meetingRoomStrings: Translations<MeetingRoomStrings> = {
  en: meetingRoomEn,
  sv: meetingRoomSv,
  da: meetingRoomDa,
  nb: meetingRoomNb,
  fi: meetingRoomFi,
};
export const meetingStrings: Translations<MeetingStrings> = { en: meetingEn, sv: meetingSv, da: meetingDa, nb: meetingNb, fi: meetingFi };
export const rosterStrings: Translations<RosterStrings> = { en: rosterEn, sv: rosterSv, da: rosterDa, nb: rosterNb, fi: rosterFi };
export const verifyIdentityStrings: Translations<VerifyIdentityStrings> = {
  en: verifyIdentityEn,
  sv: verifyIdentitySv,
  da: verifyIdentityDa,
  nb: verifyIdentityNb,
  fi: verifyIdentityFi,
};
export const chairActionStrings: Translations<ChairActionStrings> = {
  en: chairActionEn,
  sv: chairActionSv,
  da: chairActionDa,
  nb: chairActionNb,
  fi: chairActionFi,
};
