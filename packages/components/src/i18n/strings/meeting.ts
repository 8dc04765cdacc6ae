import type { ApiErrorCode } from '../../core/api-types.js';
import type { Translations } from '../localize.js';

/**
 * What `<care-meeting>` says before and after the room: loading, joining, left, removed, ended,
 * errors. The room's own words (tiles, controls, chat, the meeting leader's tools, the
 * evaluation) are in `meeting-room.ts`, loaded with the room, so a page that has not joined yet
 * does not carry them.
 */
export interface MeetingStrings {
  loading: string;
  joining: string;
  leftTitle: string;
  leftText: string;
  joinAgain: string;
  removedTitle: string;
  removedText: string;
  endedTitle: string;
  endedText: string;
  errorTitle: string;
  /** Per refusal code; codes not listed get `errorOther`. */
  error: Readonly<Partial<Record<ApiErrorCode, string>>>;
  errorOther: string;
  noInvite: string;
  tryAgain: string;
}

export const meetingStrings: Translations<MeetingStrings> = {
  en: {
    loading: 'Opening the meeting…',
    joining: 'Joining the meeting…',
    leftTitle: 'You have left the meeting',
    leftText: 'You can join again as long as the meeting is going on.',
    joinAgain: 'Join again',
    removedTitle: 'You were removed from the meeting',
    removedText: 'The meeting leader removed you from the meeting. If you think this is a mistake, contact the meeting leader.',
    endedTitle: 'The meeting has ended',
    endedText: 'The meeting leader has ended the meeting for everyone. It cannot be joined again.',
    errorTitle: 'The meeting could not be opened',
    error: {
      NOT_FOUND: 'The invitation link does not work. Check that you opened the whole link from your invitation.',
      INVITE_EXPIRED: 'The invitation link has expired. Ask the meeting leader for a new one.',
      INVITE_USED: 'The invitation link has already been used. Each link works once: ask the meeting leader for a new one.',
      TOO_EARLY: 'The meeting opens 15 minutes before it starts. Try again then.',
      IDENTITY_MISMATCH: 'You logged in as someone other than the person this invitation is for.',
      UNAUTHENTICATED: 'Your login has expired. Open the link from your invitation again.',
      FORBIDDEN: 'You do not have access to this meeting.',
      LIVEKIT_UNAVAILABLE: 'The video service is not answering right now. Try again in a moment.',
      NETWORK: 'The meeting service could not be reached. Check your internet connection and try again.',
      RATE_LIMITED: 'Too many attempts. Wait a minute and try again.',
    },
    errorOther: 'Something went wrong on our side. Try again in a moment.',
    noInvite: 'There is no invitation on this page. Open the link from your invitation again.',
    tryAgain: 'Try again',
  },
  sv: {
    loading: 'Öppnar mötet…',
    joining: 'Ansluter till mötet…',
    leftTitle: 'Du har lämnat mötet',
    leftText: 'Du kan ansluta igen så länge mötet pågår.',
    joinAgain: 'Anslut igen',
    removedTitle: 'Du har tagits bort från mötet',
    removedText: 'Mötesledaren har tagit bort dig från mötet. Kontakta mötesledaren om du tror att det är fel.',
    endedTitle: 'Mötet är avslutat',
    endedText: 'Mötesledaren har avslutat mötet för alla. Det går inte att ansluta igen.',
    errorTitle: 'Mötet gick inte att öppna',
    error: {
      NOT_FOUND: 'Inbjudningslänken fungerar inte. Kontrollera att du öppnade hela länken i din inbjudan.',
      INVITE_EXPIRED: 'Inbjudningslänken har gått ut. Be mötesledaren om en ny.',
      INVITE_USED: 'Inbjudningslänken har redan använts. Varje länk fungerar en gång: be mötesledaren om en ny.',
      TOO_EARLY: 'Mötet öppnar 15 minuter innan det börjar. Försök igen då.',
      IDENTITY_MISMATCH: 'Du loggade in som någon annan än den som inbjudan gäller.',
      UNAUTHENTICATED: 'Din inloggning har gått ut. Öppna länken i din inbjudan igen.',
      FORBIDDEN: 'Du har inte tillgång till det här mötet.',
      LIVEKIT_UNAVAILABLE: 'Videotjänsten svarar inte just nu. Försök igen om en stund.',
      NETWORK: 'Det gick inte att nå mötestjänsten. Kontrollera din internetanslutning och försök igen.',
      RATE_LIMITED: 'För många försök. Vänta en minut och försök igen.',
    },
    errorOther: 'Något gick fel hos oss. Försök igen om en stund.',
    noInvite: 'Det finns ingen inbjudan på den här sidan. Öppna länken i din inbjudan igen.',
    tryAgain: 'Försök igen',
  },
  da: {
    loading: 'Åbner mødet…',
    joining: 'Forbinder til mødet…',
    leftTitle: 'Du har forladt mødet',
    leftText: 'Du kan deltage igen, så længe mødet er i gang.',
    joinAgain: 'Deltag igen',
    removedTitle: 'Du er blevet fjernet fra mødet',
    removedText: 'Mødelederen har fjernet dig fra mødet. Kontakt mødelederen, hvis du mener, at det er en fejl.',
    endedTitle: 'Mødet er slut',
    endedText: 'Mødelederen har afsluttet mødet for alle. Det er ikke muligt at deltage igen.',
    errorTitle: 'Mødet kunne ikke åbnes',
    error: {
      NOT_FOUND: 'Invitationslinket virker ikke. Tjek, at du har åbnet hele linket fra din invitation.',
      INVITE_EXPIRED: 'Invitationslinket er udløbet. Bed mødelederen om et nyt.',
      INVITE_USED: 'Invitationslinket er allerede brugt. Hvert link virker én gang: bed mødelederen om et nyt.',
      TOO_EARLY: 'Mødet åbner 15 minutter før start. Prøv igen til den tid.',
      IDENTITY_MISMATCH: 'Du loggede ind som en anden end den, invitationen er til.',
      UNAUTHENTICATED: 'Dit login er udløbet. Åbn linket fra din invitation igen.',
      FORBIDDEN: 'Du har ikke adgang til dette møde.',
      LIVEKIT_UNAVAILABLE: 'Videotjenesten svarer ikke lige nu. Prøv igen om lidt.',
      NETWORK: 'Mødetjenesten kunne ikke nås. Tjek din internetforbindelse, og prøv igen.',
      RATE_LIMITED: 'For mange forsøg. Vent et minut, og prøv igen.',
    },
    errorOther: 'Noget gik galt hos os. Prøv igen om lidt.',
    noInvite: 'Der er ingen invitation på denne side. Åbn linket fra din invitation igen.',
    tryAgain: 'Prøv igen',
  },
};
