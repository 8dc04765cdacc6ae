import { plural } from '../../localize.js';
import type { MeetingStrings } from '../meeting.js';

/** Danish: see `MeetingStrings` in ../meeting.ts. */
export const strings: MeetingStrings = {
  loading: 'Åbner mødet…',
  joining: 'Opretter forbindelse til mødet…',
  leftTitle: 'Du har forladt mødet',
  leftText: 'Du kan deltage igen, så længe mødet er i gang.',
  joinAgain: 'Deltag igen',
  removedTitle: 'Du er blevet fjernet fra mødet',
  removedText: 'Mødelederen har fjernet dig fra mødet. Kontakt mødelederen, hvis du mener, at det er en fejl.',
  endedTitle: 'Mødet er slut',
  endedText: 'Mødelederen har afsluttet mødet for alle. Det er ikke muligt at deltage igen.',
  endedBySelfText: 'Du har afsluttet mødet for alle. Ingen kan deltage i det igen.',
  endedByTimeText: 'Mødets tid er udløbet. Det er ikke muligt at deltage igen.',
  turnedAwayTitle: 'Mødelederen lukkede dig ikke ind',
  turnedAwayText: 'Du har ikke været med i mødet. Kontakt den, der inviterede dig, hvis du mener, at det er en fejl.',
  turnedAwayWait: 'Lad siden være åben: Hvis mødelederen alligevel lukker dig ind, kommer du ind i mødet herfra.',
  errorTitle: 'Mødet kunne ikke åbnes',
  error: {
    NOT_FOUND: 'Invitationslinket virker ikke. Tjek, at du har åbnet hele linket fra din invitation.',
    INVITE_EXPIRED: 'Invitationslinket er udløbet. Bed mødelederen om et nyt.',
    INVITE_USED: 'Invitationslinket er allerede brugt. Hvert link virker kun én gang. Bed mødelederen om et nyt.',
    IDENTITY_MISMATCH: 'Du loggede ind som en anden end den, invitationen er til.',
    UNAUTHENTICATED: 'Dit login er udløbet. Åbn linket fra din invitation igen.',
    FORBIDDEN: 'Du har ikke adgang til dette møde.',
    E2EE_UNSUPPORTED: 'Mødet er krypteret fra ende til ende, og denne browser kan ikke det. Åbn linket i en nyere Chrome, Edge, Firefox eller Safari.',
    LIVEKIT_UNAVAILABLE: 'Videotjenesten svarer ikke lige nu. Prøv igen om lidt.',
    NETWORK: 'Mødetjenesten kunne ikke nås. Tjek din internetforbindelse, og prøv igen.',
    RATE_LIMITED: 'For mange forsøg. Vent et minut, og prøv igen.',
  },
  tooEarly: (minutes) =>
    minutes === undefined
      ? 'Mødet er ikke åbnet endnu. Prøv igen lidt senere.'
      : `Mødet åbner ${minutes} ${plural(minutes, 'minut', 'minutter')} før start. Prøv igen til den tid.`,
  errorOther: 'Noget gik galt hos os. Prøv igen om lidt.',
  noInvite: 'Der er ingen invitation på denne side. Åbn linket fra din invitation igen.',
  tryAgain: 'Prøv igen',
  verified: 'Din identitet er bekræftet.',
  letIn: 'Mødelederen har lukket dig ind.',
};
