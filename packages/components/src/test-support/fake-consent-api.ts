import type { ConsentRequest, ConsentView } from '@care-meet/protocol/wire';
import { CareApiError } from '../core/api-client.js';
import { ConsentFlow } from '../core/consent-flow.js';

export const LIST: ConsentRequest['participants'] = [
  { id: 'p_anna', name: 'Anna Samordnare', role: 'chair' },
  { id: 'p_self', name: 'Esther Exempel', role: 'individual' },
];
export const BO = { id: 'p_bo', name: 'Bo Bror', role: 'relative' as const };

/** What `GET /meetings/{id}/consent` answers: the consent in `state` and the people on the list. */
export const request = (state: ConsentView['state'], participants = LIST, notCovered: string[] = []): ConsentRequest => ({
  consent: { state, notCovered, at: null, by: null, how: null },
  participants,
});

/** Answers the flow's two requests from lists, one entry per call (the last one again when they run out). */
export class FakeConsentApi {
  reads: Array<ConsentRequest | CareApiError> = [request('missing')];
  posts: Array<CareApiError | null> = [null];
  /** While set, recording waits for it. */
  hold: Promise<void> | null = null;
  readonly log: string[] = [];
  readonly recorded: string[][] = [];
  #read = 0;
  #posted = 0;

  call<T>(name: string, params: { id?: string }, o: { session?: string } = {}): Promise<T> {
    this.log.push(`${name} ${params.id} ${o.session}`);
    const next = this.reads[Math.min(this.#read++, this.reads.length - 1)]!;
    return next instanceof CareApiError ? Promise.reject(next) : Promise.resolve(next as T);
  }

  async recordConsent(meetingId: string, body: { how: string; participantIds: string[] }, session: string): Promise<{ consent: ConsentView }> {
    this.log.push(`record ${meetingId} ${body.how} ${session}`);
    this.recorded.push(body.participantIds);
    if (this.hold) await this.hold;
    const next = this.posts[Math.min(this.#posted++, this.posts.length - 1)];
    if (next) throw next;
    return { consent: request('given').consent };
  }
}

/** A consent flow for `p_self` over `api`, and a way to say her request changed. */
export function fakeConsentFlow(api: FakeConsentApi): { flow: ConsentFlow; changed: () => void } {
  let listener: (() => void) | null = null;
  const flow = new ConsentFlow({
    api,
    grant: () => ({ meetingId: 'm_1', session: 's_self' }),
    onRequestChanged: (fn) => {
      listener = fn;
      return () => (listener = null);
    },
  });
  return { flow, changed: () => listener?.() };
}
