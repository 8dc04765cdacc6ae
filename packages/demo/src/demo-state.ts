// What the sandbox portal itself remembers (not care-meet's data): the meetings the EHR booked, with
// their invitation links, and the messages the 1177-like inbox shows each citizen. A JSON file, so
// a restart keeps the demo's state as care-meet's SQLite file keeps its own.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface BookedMeeting {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  chairHsaId: string;
  participants: Array<{ id: string; name: string; role: string; kind: string; masked: string; inviteUrl: string }>;
}

export interface InboxMessage {
  /**
   * Who it is for, as the inbox's login proves them: a personnummer (12 digits, BankID) or a CPR
   * number (10 digits, MitID). The demo inbox is keyed by who is logged in.
   */
  citizen: string;
  meetingId: string;
  startsAt: string;
  at: string;
}

interface State {
  meetings: BookedMeeting[];
  inbox: InboxMessage[];
}

export class DemoState {
  readonly #file: string;
  #state: State;

  constructor(file: string) {
    this.#file = file;
    try {
      this.#state = JSON.parse(readFileSync(file, 'utf8')) as State;
    } catch {
      this.#state = { meetings: [], inbox: [] };
    }
  }

  get meetings(): readonly BookedMeeting[] {
    return this.#state.meetings;
  }

  meeting(id: string): BookedMeeting | undefined {
    return this.#state.meetings.find((m) => m.id === id);
  }

  inboxFor(citizen: string): InboxMessage[] {
    return this.#state.inbox.filter((m) => m.citizen === citizen);
  }

  addMeeting(meeting: BookedMeeting, inbox: InboxMessage[]): void {
    this.#state.meetings.unshift(meeting);
    this.#state.inbox.unshift(...inbox);
    this.#save();
  }

  /** Written to a temporary file and renamed, so a crash never leaves half a file. */
  #save(): void {
    const tmp = `${this.#file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.#state, null, 2));
    renameSync(tmp, this.#file);
  }
}
