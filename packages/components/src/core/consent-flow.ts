import { CareApiError, type CareApiClient } from './api-client.js';
import type { ApiErrorCode, ConsentRequest, ConsentView } from '@care-meet/protocol/wire';
import { Store, type Readable, type Unsubscribe } from './observable.js';

/** The wait before reading again after a failed first read, doubled each time up to the most. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * Whether the individual is asked for her consent: it was never recorded, she withdrew it, or it
 * was given before people were added whom it does not cover.
 *
 * @example
 * asksConsent({ state: 'given', notCovered: [] }); // false
 */
export const asksConsent = (consent: Pick<ConsentView, 'state' | 'notCovered'>): boolean =>
  consent.state === 'missing' || consent.state === 'withdrawn' || (consent.state === 'given' && consent.notCovered.length > 0);

/** Whether two reads of the request list the same people. */
const sameList = (a: ConsentRequest, b: ConsentRequest): boolean =>
  a.participants.length === b.participants.length && a.participants.every((p, i) => p.id === b.participants[i]?.id);

/**
 * Where the flow is in one visit to the room:
 * `off` (not the individual, or not in the room), `reading` the request, `unread` (the read failed:
 * nothing is shown, the error is kept in `readError`), `settled` (nothing to ask), `asking`,
 * `sending` her consent, `recorded` (the confirmation shows), `closed` (Not now, or the
 * confirmation was closed).
 */
export type ConsentStatus = 'off' | 'reading' | 'unread' | 'settled' | 'asking' | 'sending' | 'recorded' | 'closed';

/**
 * What just happened that the person must be told, or that moves keyboard focus; a new object
 * each time, so a view acts on it once. How it is said and where focus goes is the view's choice.
 * - `asked`: the question appeared (on coming in, or because the list now has people her consent does not cover).
 * - `list-changed`: while she is asked, the list changed; it is shown as it is now.
 * - `answer-met-change`: her I agree met a list that had changed; the new list is shown, to be read before she agrees again.
 * - `recorded`: her consent is recorded; the thank-you replaces the question.
 * - `gone`: the card went away (Not now, closed, or recorded by the chair meanwhile).
 */
export type ConsentMoment = { readonly kind: 'asked' | 'list-changed' | 'answer-met-change' | 'recorded' | 'gone' };

export interface ConsentFlowState {
  status: ConsentStatus;
  /** What she is asked, as last read; `null` before the first read of this visit. */
  request: ConsentRequest | null;
  /** Her own participant id, to mark herself in the list. */
  self: string;
  /** People marked new: not covered by the consent in force, or added since the list was shown. */
  marked: ReadonlySet<string>;
  /** The list changed while she was asked (the view says so above it). */
  changed: boolean;
  /** Why the last attempt to record failed, when it did. */
  problem: ApiErrorCode | null;
  /** Why the last read failed, kept: the card stays away rather than disturb the meeting, but the failure is not lost. */
  readError: CareApiError | null;
  moment: ConsentMoment | null;
}

/** Her bearer session and meeting, as they are now (the session may be renewed during the visit). */
export interface ConsentGrant {
  meetingId: string;
  session: string;
}

export interface ConsentFlowOptions {
  /** Reads the request and records her answer: the page's `CareApiClient`. */
  api: Pick<CareApiClient, 'call' | 'recordConsent'>;
  /** Her session and meeting now; `null` when there is none (she left meanwhile). */
  grant(): ConsentGrant | null;
  /** Calls `listener` whenever her event stream says what she is asked changed (`consent-request`). */
  onRequestChanged(listener: () => void): Unsubscribe;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

const OFF: ConsentFlowState = {
  status: 'off',
  request: null,
  self: '',
  marked: new Set(),
  changed: false,
  problem: null,
  readError: null,
  moment: null,
};

/**
 * The individual's own consent to the meeting and to who takes part (seed 004), asked in the room:
 * everyone on the list with their roles, I agree (which records exactly the people shown, `how:
 * "self"`) and Not now. Read when she comes into the room, and again when her event stream says
 * what she is asked changed (`consent-request`: someone added or removed, consent recorded by the
 * chair) or when the server refused her answer because the list changed (`PARTICIPANTS_CHANGED`);
 * the new list is shown with the new people marked. It never stands in the way of the meeting: a
 * failed read shows nothing (and is tried again while she stays, when the failure may pass), and
 * Not now hides it for this visit.
 *
 * The requests go straight through the API client, not through `MeetingSession`, which every
 * participant's page loads before joining: this module comes with the room's code.
 *
 * @example
 * const flow = new ConsentFlow({ api: session.api, grant, onRequestChanged });
 * flow.subscribe(({ status, request }) => draw(status, request));
 * flow.start(answer.participantId); // in the room as the individual
 * await flow.agree();
 * flow.stop(); // out of the room
 */
export class ConsentFlow implements Readable<ConsentFlowState> {
  readonly #options: ConsentFlowOptions;
  readonly #store = new Store<ConsentFlowState>(OFF);
  readonly #setTimeout: (fn: () => void, ms: number) => unknown;
  readonly #clearTimeout: (handle: unknown) => void;
  #reading: AbortController | null = null;
  /** Stops listening to her event stream. */
  #unlisten: Unsubscribe | null = null;
  /** The next read after a failed one, and how many reads have failed in a row this visit. */
  #retry: unknown = null;
  #failures = 0;

  constructor(options: ConsentFlowOptions) {
    this.#options = options;
    this.#setTimeout = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.#clearTimeout = options.clearTimeout ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  get value(): ConsentFlowState {
    return this.#store.value;
  }

  subscribe(listener: (value: ConsentFlowState) => void): Unsubscribe {
    return this.#store.subscribe(listener);
  }

  #set(patch: Partial<ConsentFlowState>): void {
    this.#store.set({ ...this.#store.value, ...patch });
  }

  /** In the room as the individual `participantId`: her consent request is read, once per visit. */
  start(participantId: string): void {
    if (this.value.self !== participantId) this.#set({ self: participantId });
    if (this.value.status !== 'off') return;
    this.#unlisten ??= this.#options.onRequestChanged(() => void this.#refresh());
    void this.#read(null);
  }

  /** Out of the room (or not the individual): forgets this visit and stops a read under way. */
  stop(): void {
    this.#unlisten?.();
    this.#unlisten = null;
    this.#reading?.abort();
    this.#reading = null;
    if (this.#retry !== null) this.#clearTimeout(this.#retry);
    this.#retry = null;
    this.#failures = 0;
    // Keeps the last read error: the failure is not lost when she leaves.
    const { readError, self } = this.value;
    if (this.value.status !== 'off' || this.value.request) this.#store.set({ ...OFF, self, readError });
  }

  /**
   * Reads what she is asked. `shown`: the request shown when the server said the list had
   * changed; the new list is shown with the people added since marked. Answers whether it read.
   */
  async #read(shown: ConsentRequest | null): Promise<boolean> {
    const grant = this.#options.grant();
    if (!grant) return false;
    this.#reading?.abort();
    const reading = (this.#reading = new AbortController());
    if (!shown) this.#set({ status: 'reading' });
    try {
      const request = await this.#options.api.call<ConsentRequest>(
        'consentRequest',
        { id: grant.meetingId },
        { session: grant.session, signal: reading.signal },
      );
      if (reading.signal.aborted) return false;
      const { consent, participants } = request;
      const before = new Set(shown?.participants.map((p) => p.id));
      const marked = new Set([
        ...(consent.state === 'given' ? consent.notCovered : []),
        ...(shown ? participants.filter((p) => !before.has(p.id)).map((p) => p.id) : []),
      ]);
      this.#failures = 0;
      // Read again after the list changed: shown as it is now, even if someone else recorded consent meanwhile.
      if (shown) this.#set({ request, marked, readError: null });
      else if (asksConsent(consent)) this.#set({ request, marked, readError: null, status: 'asking', moment: { kind: 'asked' } });
      else this.#set({ request, marked, readError: null, status: 'settled' });
      return true;
    } catch (error) {
      if (reading.signal.aborted) return false;
      const readError = error instanceof CareApiError ? error : new CareApiError('INTERNAL', String(error), 0);
      if (shown) this.#set({ readError });
      else {
        this.#set({ readError, status: 'unread' });
        this.#retryLater(readError);
      }
      return false;
    } finally {
      if (this.#reading === reading) this.#reading = null;
    }
  }

  /**
   * A first read that failed for a passing reason (no answer, the server busy or down, too many
   * requests) is tried again, 1 s later and then twice as long each time up to 30 s, for as long as
   * she stays: a moment's outage as she came in must not take the question away for the whole visit.
   * A refusal (403, 404) stands.
   */
  #retryLater(failure: CareApiError): void {
    const passing = failure.status === 0 || failure.status === 429 || failure.status >= 500;
    if (!passing || this.#retry !== null) return;
    const delay = Math.min(RETRY_FIRST_MS * 2 ** this.#failures++, RETRY_MAX_MS);
    this.#retry = this.#setTimeout(() => {
      this.#retry = null;
      if (this.value.status === 'unread') void this.#read(null);
    }, delay);
  }

  /**
   * What she is asked changed while she is in the room (`consent-request` on her stream: someone was
   * added or removed, or consent was recorded or withdrawn by someone else). While the card asks, it
   * shows the list as it is now with the newcomers marked and says the list changed (or goes away when
   * the chair recorded her consent meanwhile); when it had nothing to ask or had thanked her, it asks
   * again only if the consent in force no longer covers everyone. Not now keeps it away for this visit;
   * while her own answer is being sent, that answer tells.
   */
  async #refresh(): Promise<void> {
    const status = this.value.status;
    // Never read yet: the change is a good moment to try again.
    if (status === 'unread') {
      if (this.#retry !== null) this.#clearTimeout(this.#retry);
      this.#retry = null;
      await this.#read(null);
      return;
    }
    const shown = this.value.request;
    if (!shown || (status !== 'asking' && status !== 'settled' && status !== 'recorded')) return;
    if (!(await this.#read(shown)) || this.value.status !== status) return;
    const request = this.value.request as ConsentRequest;
    if (status === 'asking') {
      // Recorded by the chair meanwhile: nothing left to ask.
      if (!asksConsent(request.consent)) this.#set({ status: 'settled', moment: { kind: 'gone' } });
      else if (!sameList(shown, request)) this.#set({ changed: true, problem: null, moment: { kind: 'list-changed' } });
    } else if (asksConsent(request.consent)) {
      this.#set({ status: 'asking', changed: false, problem: null, moment: { kind: 'asked' } });
    }
  }

  /** I agree: records her consent to exactly the people shown. */
  async agree(): Promise<void> {
    const { status, request: shown } = this.value;
    const grant = this.#options.grant();
    if (status !== 'asking' || !shown || !grant) return;
    // A read of a changed list under way is dropped: her answer is about the list she sees, and the server says if it changed.
    this.#reading?.abort();
    this.#set({ status: 'sending', problem: null });
    const participantIds = shown.participants.map((p) => p.id);
    let problem: ApiErrorCode | null = null;
    try {
      await this.#options.api.recordConsent(grant.meetingId, { how: 'self', participantIds }, grant.session);
    } catch (error) {
      problem = error instanceof CareApiError ? error.code : 'INTERNAL';
    }
    // Left the room (or another visit began) while it was sent: nothing here to update.
    if (this.value.status !== 'sending' || this.value.request !== shown) return;
    if (!problem) {
      this.#set({ status: 'recorded', moment: { kind: 'recorded' } });
      return;
    }
    if (problem === 'PARTICIPANTS_CHANGED') {
      const read = await this.#read(shown);
      if (this.value.status !== 'sending') return;
      problem = read ? null : (this.value.readError?.code ?? 'INTERNAL');
      // Read first, before she can agree again: the message, then the new list below it.
      this.#set({ status: 'asking', changed: true, problem, ...(problem ? {} : { moment: { kind: 'answer-met-change' } as const }) });
      return;
    }
    this.#set({ status: 'asking', problem });
  }

  /** Not now, or Close after it was recorded: gone for this visit. */
  later(): void {
    // While her answer is on its way, it is not set aside unseen: the card waits for it.
    const status = this.value.status;
    if (status === 'sending' || status === 'off') return;
    this.#set({ status: 'closed', moment: { kind: 'gone' } });
  }
}
