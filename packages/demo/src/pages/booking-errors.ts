// The booking form's refusals in the page's language, next to the field they are about. A refusal
// comes either from the form itself (a date that does not exist) or from the server SDK as a stable
// code plus the field it names (`participants[1].identity.hsaId`); never shown as the raw code.
import type { FormProblem } from '../booking-form.js';
import type { Lang } from './layout.js';

/** What a refusal is about, in words the coordinator can act on. */
export type BookingProblem =
  | FormProblem
  | 'too-far'
  | 'past'
  | 'title'
  | 'one-chair'
  | 'no-participants'
  | 'name'
  | 'role'
  | 'kind-role'
  | 'hsa'
  | 'pnr'
  | 'cpr'
  | 'phone'
  | 'email'
  | 'missing-value'
  | 'duplicate'
  | 'method-not-served'
  | 'consent'
  | 'other';

/** One refusal placed on the form: the control it belongs to (its id), the form row, and why. */
export interface BookingFieldError {
  /** The id of the control the message is shown beside, e.g. `p2-value`, `date`. */
  control: string;
  /** The participant row (0-based) it concerns, if any. */
  row?: number;
  problem: BookingProblem;
  /** The server's code, for support, when the problem is `other`. */
  code?: string;
}

/**
 * Places a server refusal (code and field) on the form. `rowOf[i]` is the form row participant `i`
 * came from.
 *
 * @example
 * ```ts
 * placeBookingError('INVALID_HSA_ID', 'participants[0].identity.hsaId', [0, 1, 3]);
 * // { control: 'p0-value', row: 0, problem: 'hsa' }
 * ```
 */
export function placeBookingError(code: string, field: string | undefined, rowOf: readonly number[]): BookingFieldError {
  const f = field ?? '';
  if (f === 'startsAt') return { control: 'date', problem: 'too-far' };
  if (f === 'endsAt') return { control: 'date', problem: 'past' };
  if (f === 'title') return { control: 'title', problem: 'title' };
  if (f === 'consent' || f.startsWith('consent.')) return { control: 'consent', problem: 'consent' };
  if (f === 'participants') {
    const first = rowOf[0];
    return first === undefined ? { control: 'p0-name', row: 0, problem: 'no-participants' } : { control: `p${first}-role`, row: first, problem: 'one-chair' };
  }
  const m = /^participants\[(\d+)\](?:\.(.+))?$/.exec(f);
  const row = m ? rowOf[Number(m[1])] : undefined;
  if (m && row !== undefined) {
    const sub = m[2] ?? 'identity';
    if (sub === 'name') return { control: `p${row}-name`, row, problem: 'name' };
    if (sub === 'role') return { control: `p${row}-role`, row, problem: 'role' };
    if (sub === 'identity.kind') return { control: `p${row}-kind`, row, problem: 'kind-role' };
    const byCode: Record<string, BookingProblem> = {
      INVALID_HSA_ID: 'hsa',
      INVALID_PERSONNUMMER: 'pnr',
      INVALID_CPR: 'cpr',
      INVALID_PHONE: 'phone',
      INVALID_EMAIL: 'email',
      CONFLICT: 'duplicate',
      VERIFY_METHOD_NOT_CONFIGURED: 'method-not-served',
    };
    return { control: `p${row}-value`, row, problem: byCode[code] ?? 'missing-value' };
  }
  return { control: 'title', problem: 'other', code };
}

type Texts = {
  /** The summary's heading. */
  summary: string;
  /** "Participant 3", before a row's message in the summary. */
  participant: string;
  problems: Record<Exclude<BookingProblem, 'date-format' | 'time-format' | 'other'>, string>;
  dateFormat: (shown: string) => string;
  timeFormat: (shown: string) => string;
  other: (code: string) => string;
};

export const BOOKING_ERROR_TEXTS: Record<Lang, Texts> = {
  sv: {
    summary: 'Mötet bokades inte. Rätta det här:',
    participant: 'Deltagare',
    problems: {
      'date-impossible': 'Det datumet finns inte (till exempel 30 februari). Kontrollera dag och månad.',
      'too-far': 'Ett möte kan bokas högst två år framåt.',
      past: 'Den tiden har redan varit: mötet skulle vara slut innan det börjar. Välj en senare tid.',
      title: 'Skriv en rubrik, högst 200 tecken.',
      'one-chair': 'Ett möte har exakt en mötesledare: ge en deltagare rollen Mötesledare.',
      'no-participants': 'Fyll i minst en deltagare.',
      name: 'Skriv personens namn med bokstäver (bindestreck och mellanslag går bra).',
      role: 'Välj en roll.',
      'kind-role': 'Identifieringen passar inte rollen: bara gäster bjuds in via sms eller e-post, och en närstående loggar in med BankID eller MitID.',
      hsa: 'Det är inte ett giltigt HSA-id: SE, tio siffror, bindestreck, sedan bokstäver och siffror, till exempel SE2321000016-A1B2.',
      pnr: 'Det är inte ett giltigt personnummer: skriv ÅÅÅÅMMDD-NNNN och kontrollera sista siffran.',
      cpr: 'Det är inte ett giltigt CPR-nummer: skriv DDMMÅÅ-NNNN.',
      phone: 'Det är inte ett mobilnummer som sms kan skickas till: skriv det med landsnummer, till exempel +46 70 123 45 67.',
      email: 'Det är inte en e-postadress: skriv den som namn@exempel.se.',
      'missing-value': 'Fyll i hur personen identifieras.',
      duplicate: 'Den här personen finns redan på en annan rad.',
      'method-not-served': 'Portalen kan inte kontrollera den sortens identifiering: välj en annan.',
      consent: 'Samtycket är den enskildes: ge någon rollen Den enskilde, eller välj Inte inhämtat än.',
    },
    dateFormat: (shown) => `Skriv datumet som ${shown}.`,
    timeFormat: (shown) => `Skriv tiden som ${shown} (24-timmarsklocka).`,
    other: (code) => `Bokningen gick inte att göra. Försök igen, eller ge supporten koden ${code}.`,
  },
  da: {
    summary: 'Mødet blev ikke booket. Ret dette:',
    participant: 'Deltager',
    problems: {
      'date-impossible': 'Den dato findes ikke (for eksempel 30. februar). Tjek dag og måned.',
      'too-far': 'Et møde kan bookes højst to år frem.',
      past: 'Det tidspunkt er allerede passeret: mødet ville være slut, før det begynder. Vælg et senere tidspunkt.',
      title: 'Skriv en titel på højst 200 tegn.',
      'one-chair': 'Et møde har præcis én mødeleder: giv én deltager rollen Mødeleder.',
      'no-participants': 'Udfyld mindst én deltager.',
      name: 'Skriv personens navn med bogstaver (bindestreg og mellemrum er i orden).',
      role: 'Vælg en rolle.',
      'kind-role': 'Identifikationen passer ikke til rollen: kun gæster inviteres via sms eller e-mail, og en pårørende logger ind med MitID eller BankID.',
      hsa: 'Det er ikke et gyldigt HSA-id: SE, ti cifre, bindestreg og så bogstaver og cifre, for eksempel SE2321000016-A1B2.',
      pnr: 'Det er ikke et gyldigt svensk personnummer: skriv ÅÅÅÅMMDD-NNNN, og tjek det sidste ciffer.',
      cpr: 'Det er ikke et gyldigt CPR-nummer: skriv DDMMÅÅ-NNNN.',
      phone: 'Det er ikke et mobilnummer, der kan modtage sms: skriv det med landekode, for eksempel +45 20 12 34 56.',
      email: 'Det er ikke en e-mailadresse: skriv den som navn@eksempel.dk.',
      'missing-value': 'Udfyld, hvordan personen identificeres.',
      duplicate: 'Denne person står allerede på en anden linje.',
      'method-not-served': 'Portalen kan ikke kontrollere den slags identifikation: vælg en anden.',
      consent: 'Samtykket er borgerens: giv nogen rollen Borger, eller vælg Ikke indhentet endnu.',
    },
    dateFormat: (shown) => `Skriv datoen som ${shown}.`,
    timeFormat: (shown) => `Skriv klokkeslættet som ${shown} (24-timersur).`,
    other: (code) => `Bookingen kunne ikke gennemføres. Prøv igen, eller giv supporten koden ${code}.`,
  },
  nb: {
    summary: 'Møtet ble ikke avtalt. Rett dette:',
    participant: 'Deltaker',
    problems: {
      'date-impossible': 'Den datoen finnes ikke (for eksempel 30. februar). Sjekk dag og måned.',
      'too-far': 'Et møte kan avtales høyst to år fram i tid.',
      past: 'Det tidspunktet har allerede vært: møtet ville være slutt før det begynner. Velg et senere tidspunkt.',
      title: 'Skriv en tittel på høyst 200 tegn.',
      'one-chair': 'Et møte har nøyaktig én møteleder: gi én deltaker rollen Møteleder.',
      'no-participants': 'Fyll ut minst én deltaker.',
      name: 'Skriv personens navn med bokstaver (bindestrek og mellomrom går fint).',
      role: 'Velg en rolle.',
      'kind-role': 'Identifiseringen passer ikke til rollen: bare gjester inviteres via SMS eller e-post, og en pårørende logger inn med BankID eller MitID.',
      hsa: 'Det er ikke en gyldig HSA-id: SE, ti sifre, bindestrek og så bokstaver og sifre, for eksempel SE2321000016-A1B2.',
      pnr: 'Det er ikke et gyldig svensk personnummer: skriv ÅÅÅÅMMDD-NNNN, og sjekk det siste sifferet.',
      cpr: 'Det er ikke et gyldig dansk CPR-nummer: skriv DDMMÅÅ-NNNN.',
      phone: 'Det er ikke et mobilnummer som kan få SMS: skriv det med landskode, for eksempel +47 912 34 567.',
      email: 'Det er ikke en e-postadresse: skriv den som navn@eksempel.no.',
      'missing-value': 'Fyll ut hvordan personen identifiseres.',
      duplicate: 'Denne personen står allerede på en annen linje.',
      'method-not-served': 'Portalen kan ikke kontrollere den typen identifisering: velg en annen.',
      consent: 'Samtykket er innbyggerens: gi noen rollen Innbygger, eller velg Ikke innhentet ennå.',
    },
    dateFormat: (shown) => `Skriv datoen slik: ${shown}.`,
    timeFormat: (shown) => `Skriv klokkeslettet slik: ${shown} (24-timersklokke).`,
    other: (code) => `Avtalen kunne ikke lages. Prøv igjen, eller gi brukerstøtten koden ${code}.`,
  },
  fi: {
    summary: 'Tapaamista ei varattu. Korjaa nämä:',
    participant: 'Osallistuja',
    problems: {
      'date-impossible': 'Tätä päivämäärää ei ole olemassa (esimerkiksi 30. helmikuuta). Tarkista päivä ja kuukausi.',
      'too-far': 'Tapaamisen voi varata enintään kahden vuoden päähän.',
      past: 'Tämä aika on jo mennyt: tapaaminen olisi ohi ennen kuin se alkaa. Valitse myöhäisempi aika.',
      title: 'Kirjoita otsikko, enintään 200 merkkiä.',
      'one-chair': 'Tapaamisessa on täsmälleen yksi vetäjä: anna yhdelle osallistujalle rooli Vetäjä.',
      'no-participants': 'Täytä vähintään yksi osallistuja.',
      name: 'Kirjoita henkilön nimi kirjaimin (yhdysmerkki ja välilyönnit käyvät).',
      role: 'Valitse rooli.',
      'kind-role': 'Tunnistus ei sovi rooliin: vain vieraat kutsutaan tekstiviestillä tai sähköpostilla, ja omainen kirjautuu BankID:llä tai MitID:llä.',
      hsa: 'Tämä ei ole kelvollinen HSA-tunnus: SE, kymmenen numeroa, yhdysmerkki ja sitten kirjaimia ja numeroita, esimerkiksi SE2321000016-A1B2.',
      pnr: 'Tämä ei ole kelvollinen ruotsalainen henkilötunnus: kirjoita VVVVKKPP-NNNN ja tarkista viimeinen numero.',
      cpr: 'Tämä ei ole kelvollinen tanskalainen CPR-numero: kirjoita PPKKVV-NNNN.',
      phone: 'Tämä ei ole matkapuhelinnumero, johon voi lähettää tekstiviestin: kirjoita se maatunnuksen kanssa, esimerkiksi +358 40 123 4567.',
      email: 'Tämä ei ole sähköpostiosoite: kirjoita se muodossa nimi@esimerkki.fi.',
      'missing-value': 'Täytä, miten henkilö tunnistetaan.',
      duplicate: 'Tämä henkilö on jo toisella rivillä.',
      'method-not-served': 'Portaali ei voi tarkistaa tällaista tunnistusta: valitse toinen.',
      consent: 'Suostumus on asiakkaan: anna jollekulle rooli Asiakas tai valitse Ei vielä pyydetty.',
    },
    dateFormat: (shown) => `Kirjoita päivämäärä muodossa ${shown}.`,
    timeFormat: (shown) => `Kirjoita kellonaika muodossa ${shown} (24 tunnin kello).`,
    other: (code) => `Varausta ei voitu tehdä. Yritä uudelleen tai kerro tukeen koodi ${code}.`,
  },
  en: {
    summary: 'The meeting was not booked. Please correct this:',
    participant: 'Participant',
    problems: {
      'date-impossible': 'That date does not exist (30 February, for example). Check the day and the month.',
      'too-far': 'A meeting can be booked at most two years ahead.',
      past: 'That time has already passed: the meeting would be over before it starts. Choose a later time.',
      title: 'Write a title of at most 200 characters.',
      'one-chair': 'A meeting has exactly one meeting leader: give one participant the role Meeting leader.',
      'no-participants': 'Fill in at least one participant.',
      name: "Write the person's name in letters (hyphens and spaces are fine).",
      role: 'Choose a role.',
      'kind-role': 'This identification does not go with the role: only guests are invited by SMS or e-mail, and a relative logs in with BankID or MitID.',
      hsa: 'Not a valid HSA-id: SE, ten digits, a hyphen, then letters and digits, for example SE2321000016-A1B2.',
      pnr: 'Not a valid personnummer: write YYYYMMDD-NNNN and check the last digit.',
      cpr: 'Not a valid CPR number: write DDMMYY-NNNN.',
      phone: 'Not a mobile number an SMS can go to: write it with the country code, for example +46 70 123 45 67.',
      email: 'Not an e-mail address: write it as name@example.com.',
      'missing-value': 'Fill in how this person is identified.',
      duplicate: 'This person is already on another row.',
      'method-not-served': 'This portal cannot check that kind of identification: choose another.',
      consent: "Consent is the individual's: give someone the role The individual, or choose Not obtained yet.",
    },
    dateFormat: (shown) => `Write the date as ${shown}.`,
    timeFormat: (shown) => `Write the time as ${shown} (24-hour clock).`,
    other: (code) => `The booking could not be made. Try again, or give the support the code ${code}.`,
  },
};

/** The message for one refusal, in the page's language. `formats`: the date and time formats the form shows. */
export function bookingErrorText(lang: Lang, e: BookingFieldError, formats: { date: string; time: string }): string {
  const t = BOOKING_ERROR_TEXTS[lang];
  if (e.problem === 'date-format') return t.dateFormat(formats.date);
  if (e.problem === 'time-format') return t.timeFormat(formats.time);
  if (e.problem === 'other') return t.other(e.code ?? 'INTERNAL');
  return t.problems[e.problem];
}
