import { plural } from '../../localize.js';
import type { MeetingStrings } from '../meeting.js';

/** Swedish: see `MeetingStrings` in ../meeting.ts. */
export const strings: MeetingStrings = {
  loading: 'Öppnar mötet…',
  joining: 'Ansluter till mötet…',
  leftTitle: 'Du har lämnat mötet',
  leftText: 'Du kan ansluta igen så länge mötet pågår.',
  joinAgain: 'Anslut igen',
  removedTitle: 'Du har tagits bort från mötet',
  removedText: 'Mötesledaren har tagit bort dig från mötet. Kontakta mötesledaren om du tror att det är fel.',
  endedTitle: 'Mötet är avslutat',
  endedText: 'Mötesledaren har avslutat mötet för alla. Det går inte att ansluta igen.',
  endedBySelfText: 'Du har avslutat mötet för alla. Ingen kan ansluta till det igen.',
  endedByTimeText: 'Mötets tid är slut. Det går inte att ansluta igen.',
  turnedAwayTitle: 'Mötesledaren släppte inte in dig',
  turnedAwayText: 'Du har inte varit med i mötet. Kontakta den som bjöd in dig om du tror att det är fel.',
  turnedAwayWait: 'Låt sidan vara öppen: om mötesledaren släpper in dig ändå kommer du in i mötet härifrån.',
  errorTitle: 'Mötet gick inte att öppna',
  error: {
    NOT_FOUND: 'Inbjudningslänken fungerar inte. Kontrollera att du öppnade hela länken i din inbjudan.',
    INVITE_EXPIRED: 'Inbjudningslänken har gått ut. Be mötesledaren om en ny.',
    INVITE_USED: 'Inbjudningslänken har redan använts. Varje länk fungerar bara en gång. Be mötesledaren om en ny.',
    IDENTITY_MISMATCH: 'Du loggade in som någon annan än den som inbjudan gäller.',
    UNAUTHENTICATED: 'Din inloggning har gått ut. Öppna länken i din inbjudan igen.',
    FORBIDDEN: 'Du har inte tillgång till det här mötet.',
    E2EE_UNSUPPORTED:
      'Mötet är krypterat hela vägen, och den här webbläsaren klarar inte det. Öppna länken i en ny version av Chrome, Edge, Firefox eller Safari.',
    LIVEKIT_UNAVAILABLE: 'Videotjänsten svarar inte just nu. Försök igen om en stund.',
    NETWORK: 'Det gick inte att nå mötestjänsten. Kontrollera din internetanslutning och försök igen.',
    RATE_LIMITED: 'För många försök. Vänta en minut och försök igen.',
  },
  tooEarly: (minutes) =>
    minutes === undefined
      ? 'Mötet har inte öppnat än. Försök igen lite senare.'
      : `Mötet öppnar ${minutes} ${plural(minutes, 'minut', 'minuter')} innan det börjar. Försök igen då.`,
  errorOther: 'Något gick fel hos oss. Försök igen om en stund.',
  noInvite: 'Det finns ingen inbjudan på den här sidan. Öppna länken i din inbjudan igen.',
  tryAgain: 'Försök igen',
  verified: 'Du har visat vem du är.',
  letIn: 'Mötesledaren har släppt in dig.',
};
