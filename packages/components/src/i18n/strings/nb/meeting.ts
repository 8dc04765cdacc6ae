import { plural } from '../../localize.js';
import type { MeetingStrings } from '../meeting.js';

/** Norwegian bokmål: see `MeetingStrings` in ../meeting.ts. */
export const strings: MeetingStrings = {
  loading: 'Åpner møtet…',
  joining: 'Kobler til møtet…',
  leftTitle: 'Du har forlatt møtet',
  leftText: 'Du kan bli med igjen så lenge møtet pågår.',
  joinAgain: 'Bli med igjen',
  removedTitle: 'Du er fjernet fra møtet',
  removedText: 'Møtelederen har fjernet deg fra møtet. Kontakt møtelederen hvis du tror dette er en feil.',
  endedTitle: 'Møtet er avsluttet',
  endedText: 'Møtelederen har avsluttet møtet for alle. Det er ikke mulig å bli med igjen.',
  endedBySelfText: 'Du har avsluttet møtet for alle. Ingen kan bli med i det igjen.',
  endedByTimeText: 'Tiden for møtet er ute. Det er ikke mulig å bli med igjen.',
  turnedAwayTitle: 'Møtelederen slapp deg ikke inn',
  turnedAwayText: 'Du har ikke vært med i møtet. Kontakt den som inviterte deg, hvis du tror dette er en feil.',
  turnedAwayWait: 'La siden være åpen: Hvis møtelederen likevel slipper deg inn, kommer du inn i møtet herfra.',
  errorTitle: 'Møtet kunne ikke åpnes',
  error: {
    NOT_FOUND: 'Invitasjonslenken virker ikke. Sjekk at du åpnet hele lenken i invitasjonen.',
    INVITE_EXPIRED: 'Invitasjonslenken er utløpt. Be møtelederen om en ny.',
    INVITE_USED: 'Invitasjonslenken er allerede brukt. Hver lenke virker bare én gang. Be møtelederen om en ny.',
    IDENTITY_MISMATCH: 'Du logget inn som en annen enn den invitasjonen gjelder.',
    UNAUTHENTICATED: 'Innloggingen din er utløpt. Åpne lenken i invitasjonen på nytt.',
    FORBIDDEN: 'Du har ikke tilgang til dette møtet.',
    E2EE_UNSUPPORTED: 'Møtet er kryptert fra ende til ende, og denne nettleseren kan ikke det. Åpne lenken i en nyere Chrome, Edge, Firefox eller Safari.',
    LIVEKIT_UNAVAILABLE: 'Videotjenesten svarer ikke akkurat nå. Prøv igjen om litt.',
    NETWORK: 'Vi fikk ikke kontakt med møtetjenesten. Sjekk internettilkoblingen, og prøv igjen.',
    RATE_LIMITED: 'For mange forsøk. Vent et minutt, og prøv igjen.',
  },
  tooEarly: (minutes) =>
    minutes === undefined
      ? 'Møtet har ikke åpnet ennå. Prøv igjen litt senere.'
      : `Møtet åpner ${minutes} ${plural(minutes, 'minutt', 'minutter')} før det starter. Prøv igjen da.`,
  errorOther: 'Noe gikk galt hos oss. Prøv igjen om litt.',
  noInvite: 'Det finnes ingen invitasjon på denne siden. Åpne lenken i invitasjonen på nytt.',
  tryAgain: 'Prøv igjen',
  verified: 'Du har bekreftet hvem du er.',
  letIn: 'Møtelederen har sluppet deg inn.',
};
