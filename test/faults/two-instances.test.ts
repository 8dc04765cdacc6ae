// Issue 16: two care-meet-server instances on one PostgreSQL database behind a round-robin proxy,
// with one LiveKit (the test double). A meeting's life spread over both: booked, identified
// (SITHS vouched by the portal, BankID at the test IdP started on one instance and finished on the
// other, an SMS code asked for on one and typed on the other), joined on both; the chair's event
// stream on A sees the guest arrive in the lobby on B and be let in from B. Then A is killed with
// SIGKILL: nothing it acknowledged is lost, the proxy carries on with B, the chair's stream resumes
// on B and carries what happens after the kill (remove, end). And what two instances must share:
// an SMS code's tries and an invitation's attempt limit (a second instance is not a second chance),
// and a webhook delivered to both at once acts once.
//
// Needs the PostgreSQL cluster of scripts/postgres.sh (CARE_MEET_TEST_POSTGRES_URL): without it the
// tests are skipped and say why, in CI (CI=true) they fail. Every step is a subtest, so a step that
// fails (an event that does not cross instances) shows as that step while the others still run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginWithoutBrowser } from '@care-meet/test-idp';
import { call, eventually, ORGANIZER_KEY, within, type Answer } from './care-meet-process.js';
import { openEventStream, type EventStreamClient } from './event-stream-client.js';
import { roomOf } from './meeting-flow.js';
import { postgresTestOptions, startTwoInstances, type TwoInstances } from './two-instances-stack.js';

/** How long an event made on one instance may take to reach a stream on the other (the goal is p99 ≤ 100 ms). */
const ACROSS_MS = 3000;
/** How long an event on the stream's own instance may take. */
const LOCAL_MS = 3000;

const minutesFromNow = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
const CHAIR_HSA = 'SE2321000016-A1B2';
const GUEST_PHONE = '+46701234567';

async function bookMeeting(
  base: string,
): Promise<{ meetingId: string; chairId: string; individual: { id: string; token: string }; guest: { id: string; token: string } }> {
  const booked = await call(base, 'POST', '/meetings', {
    token: ORGANIZER_KEY,
    body: {
      title: 'SIP-möte',
      startsAt: minutesFromNow(-1),
      endsAt: minutesFromNow(60),
      participants: [
        { name: 'Anna Samordnare', role: 'chair', identity: { kind: 'hsa', hsaId: CHAIR_HSA } },
        { name: 'Esther Exempel', role: 'individual', identity: { kind: 'pnr', pnr: '19121212-1212' } },
        { name: 'Kurt Kurator', role: 'guest', identity: { kind: 'guest', phone: GUEST_PHONE } },
      ],
    },
  });
  assert.equal(booked.status, 201, JSON.stringify(booked.json));
  const [chair, individual, guest] = booked.json.participants as Array<{ id: string; invite: { token: string } }>;
  return {
    meetingId: booked.json.meeting.id,
    chairId: chair!.id,
    individual: { id: individual!.id, token: individual!.invite.token },
    guest: { id: guest!.id, token: guest!.invite.token },
  };
}

/** The portal vouches for the chair's SITHS login. */
async function vouchChair(base: string, meetingId: string): Promise<string> {
  const r = await call(base, 'POST', '/sessions', { token: ORGANIZER_KEY, body: { meetingId, identity: { kind: 'hsa', hsaId: CHAIR_HSA }, method: 'siths' } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json.session;
}

function expectStatus(r: Answer, status: number, what: string): Answer {
  assert.equal(r.status, status, `${what}: ${JSON.stringify(r.json)}`);
  return r;
}

test(
  "two instances on one PostgreSQL database: a meeting across both, the chair's stream on A sees the lobby on B, then A is killed with SIGKILL and B carries on",
  { ...postgresTestOptions(), timeout: 180_000 },
  async (t) => {
    const stack = await startTwoInstances();
    const { a, b, proxy, double } = stack;
    const P = proxy.url;
    let stream: EventStreamClient | null = null;
    try {
      let m!: Awaited<ReturnType<typeof bookMeeting>>;
      let chair = '';
      let individual = '';
      let guest = '';
      let mainRoom = '';
      let lobbyRoom = '';

      await t.test(
        'booked through the proxy; the chair vouched for; BankID at the IdP started on A and finished on B; the SMS code asked for on A and typed on B',
        async () => {
          m = await bookMeeting(P);
          chair = await vouchChair(P, m.meetingId);

          // Started on A, as the browser's request happened to go there.
          const startRaw = await fetch(`${a.url}/api/invites/${m.individual.token}/oidc`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ returnTo: `${stack.origin}/join` }),
          });
          assert.equal(startRaw.status, 200, 'BankID start on A');
          const startJson = (await startRaw.json()) as { authorizationUrl: string };
          // The login-binding cookie, as the browser keeps it.
          const cookie = (startRaw.headers.get('set-cookie') ?? '').split(';')[0] as string;
          const back = await loginWithoutBrowser(startJson.authorizationUrl, { user: 'esther' });
          assert.equal(back.origin, stack.origin, 'the IdP sends the browser back through the load balancer');
          // The load balancer sends the callback to B: the login A began is in the database.
          const onB = new URL(back.pathname + back.search, b.url);
          const finished = await fetch(onB, { headers: { cookie }, redirect: 'manual' });
          assert.equal(finished.status, 303, await finished.text());
          const fragment = /#care-session=([^&]+)/.exec(finished.headers.get('location') ?? '')?.[1];
          assert.ok(fragment, `a session in the redirect: ${finished.headers.get('location')}`);
          individual = decodeURIComponent(fragment);

          expectStatus(await call(P, 'GET', `/invites/${m.guest.token}`), 200, 'the guest reads the invitation');
          expectStatus(await call(a.url, 'POST', `/invites/${m.guest.token}/code`), 200, 'code asked for on A');
          const code = stack.sms.codeFor(GUEST_PHONE);
          assert.ok(code, 'the code reached the SMS gateway');
          guest = expectStatus(await call(b.url, 'POST', `/invites/${m.guest.token}/session`, { body: { code } }), 201, 'code typed on B').json.session;
        },
      );

      await t.test("the chair's stream is open on A; the chair joins on B, the individual on A", async () => {
        stream = await openEventStream(`${a.url}/api/meetings/${m.meetingId}/events`, chair);
        const first = await stream.waitFor((e) => e.event === 'roster', LOCAL_MS, 'the roster opens the stream');
        assert.equal(first.data.counts.registered, 3);
        const c = expectStatus(await call(b.url, 'POST', '/join', { token: chair }), 200, 'the chair joins on B');
        assert.equal(c.json.status, 'admitted');
        mainRoom = roomOf(c.json.token);
        lobbyRoom = roomOf(c.json.lobbyToken);
        const i = expectStatus(await call(a.url, 'POST', '/join', { token: individual }), 200, 'the individual joins on A');
        assert.equal(i.json.status, 'admitted');
        assert.equal(roomOf(i.json.token), mainRoom, 'both instances put them in the same room');
        for (const token of [c.json.token, i.json.token]) assert.ok((await double.join(token)).ok, 'LiveKit takes the token');
      });

      await t.test("the guest arrives in the lobby on B: the chair's stream on A sees it (events across instances)", async () => {
        assert.ok(stream, 'the stream is open');
        const from = stream.events.length;
        const g = expectStatus(await call(b.url, 'POST', '/join', { token: guest }), 200, 'the guest joins on B');
        const answeredAt = Date.now();
        assert.equal(g.json.status, 'lobby');
        assert.equal(roomOf(g.json.token), lobbyRoom);
        // The guest is not connected to LiveKit yet, so no webhook can carry this to A: only B's join.
        const seen = await stream.waitFor(
          (e) => e.event === 'lobby-waiting' && e.data.participantId === m.guest.id,
          ACROSS_MS,
          "lobby-waiting on A's stream",
          from,
        );
        t.diagnostic(`lobby-waiting reached A's stream ${seen.at - answeredAt} ms after B answered the join`);
        const roster = await stream.waitFor(
          (e) => e.event === 'roster' && e.data.lobby.includes(m.guest.id),
          ACROSS_MS,
          'a roster with the guest in the lobby',
          from,
        );
        assert.deepEqual(roster.data.lobby, [m.guest.id]);
      });

      await t.test("Let in from B: the chair's stream on A sees the admission; the guest joins the room", async () => {
        assert.ok(stream, 'the stream is open');
        const from = stream.events.length;
        expectStatus(await call(b.url, 'POST', `/meetings/${m.meetingId}/admit`, { token: chair, body: { participantId: m.guest.id } }), 200, 'Let in on B');
        const again = expectStatus(await call(P, 'POST', '/join', { token: guest }), 200, 'the guest joins again');
        assert.equal(again.json.status, 'admitted');
        assert.equal(roomOf(again.json.token), mainRoom);
        assert.ok((await double.join(again.json.token)).ok);
        await double.flushWebhooks();
        // Last, so that the steps after run on a meeting in the same state whether or not this holds.
        await stream.waitFor((e) => e.event === 'admitted' && e.data.participantId === m.guest.id, ACROSS_MS, "admitted on A's stream", from);
      });

      await t.test('SIGKILL of A: the proxy notices and carries on with B; nothing A or B acknowledged is lost', async () => {
        assert.ok(stream, 'the stream is open');
        await a.kill9();
        await stream.waitForEnd(5000);
        // Through the proxy, every request is answered: the ones sent to A are tried on B.
        for (let n = 0; n < 6; n++) {
          const r = await call(P, 'GET', `/meetings/${m.meetingId}`, { token: ORGANIZER_KEY, timeoutMs: 5000 });
          assert.equal(r.status, 200, `request ${n} through the proxy after the kill: ${JSON.stringify(r.json)}`);
        }
        assert.ok(proxy.noticedDown.includes('A'), 'the proxy found A refusing connections');
        assert.ok((proxy.served.B ?? 0) > 0 && (proxy.served.A ?? 0) > 0, `the proxy sent requests to both before the kill: ${JSON.stringify(proxy.served)}`);

        const view = expectStatus(await call(P, 'GET', `/meetings/${m.meetingId}`, { token: ORGANIZER_KEY }), 200, 'the meeting after the kill').json;
        const byId = new Map((view.participants as Array<{ id: string; status: string }>).map((p) => [p.id, p]));
        assert.equal(byId.get(m.guest.id)?.status, 'connected', 'the guest let in on B and connected is still in the meeting');
        assert.equal(byId.get(m.individual.id)?.status, 'connected');
        assert.equal(byId.get(m.chairId)?.status, 'connected');

        const entries = expectStatus(await call(P, 'GET', `/meetings/${m.meetingId}/audit`, { token: ORGANIZER_KEY }), 200, 'the audit').json.entries as Array<{
          action: string;
          outcome: string;
          participantId: string | null;
        }>;
        const count = (action: string, participantId?: string) =>
          entries.filter((e) => e.action === action && e.outcome === 'ok' && (participantId === undefined || e.participantId === participantId)).length;
        assert.equal(count('meeting.booked'), 1, 'booked once');
        for (const id of [m.chairId, m.individual.id, m.guest.id]) assert.equal(count('session.created', id), 1, `one session for ${id}`);
        assert.equal(count('oidc.start', m.individual.id), 1, 'the BankID login started on A');
        assert.equal(count('invite.redeem', m.individual.id), 1, 'the BankID login finished on B');
        assert.equal(count('invite.redeem', m.guest.id), 1, 'the code redeemed on B');
        assert.equal(count('join', m.chairId), 1, 'the chair joined on B');
        assert.equal(count('join', m.individual.id), 1, 'the individual joined on A');
        assert.equal(count('join', m.guest.id), 2, 'the guest joined the lobby and then the room');
        assert.equal(count('admit', m.guest.id), 1, 'Let in on B');

        // And in the database itself, beside any instance: each change with its rows.
        const sql = stack.database.sql;
        assert.deepEqual(
          await sql(`SELECT id FROM meetings m WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.meeting_id = m.id AND a.action = 'meeting.booked')`),
          [],
        );
        assert.deepEqual(
          await sql(
            `SELECT participant_id FROM invitations i WHERE used_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.participant_id = i.participant_id)`,
          ),
          [],
        );
        const sessions = await sql(`SELECT participant_id, count(*)::int AS n FROM sessions GROUP BY participant_id ORDER BY participant_id`);
        assert.equal(sessions.length, 3, `one session each for the chair, the individual and the guest: ${JSON.stringify(sessions)}`);
      });

      await t.test("the chair's stream resumes through the proxy on B, and carries what happens after the kill: remove, end", async () => {
        stream?.close();
        stream = await openEventStream(`${P}/api/meetings/${m.meetingId}/events`, chair);
        assert.equal(stream.servedBy, 'B', 'the proxy sends the reconnect to the instance that lives');
        const roster = await stream.waitFor((e) => e.event === 'roster', LOCAL_MS, 'the roster opens the resumed stream');
        assert.equal(roster.data.counts.connected, 3, 'the resumed roster shows what happened before the kill');

        let from = stream.events.length;
        expectStatus(await call(P, 'POST', `/meetings/${m.meetingId}/remove`, { token: chair, body: { participantId: m.guest.id } }), 200, 'remove');
        await stream.waitFor((e) => e.event === 'removed' && e.data.participantId === m.guest.id, LOCAL_MS, 'removed on the resumed stream', from);
        assert.ok(
          double.disconnects.some((d) => d.room === mainRoom && d.identity === m.guest.id),
          'LiveKit was told to disconnect the guest',
        );
        const refused = await call(P, 'POST', '/join', { token: guest });
        assert.equal(refused.status, 403, JSON.stringify(refused.json));
        assert.equal(refused.json.error.code, 'REMOVED');

        from = stream.events.length;
        expectStatus(await call(P, 'POST', `/meetings/${m.meetingId}/end`, { token: chair }), 200, 'end');
        await stream.waitFor((e) => e.event === 'ended', LOCAL_MS, 'ended on the resumed stream', from);
        const gone = await eventually(() => double.room(mainRoom) === undefined && double.room(lobbyRoom) === undefined, 10_000);
        assert.ok(gone, 'B deleted both rooms');
        for (const session of [chair, individual]) {
          const r = await call(P, 'POST', '/join', { token: session });
          assert.equal(r.status, 410, JSON.stringify(r.json));
          assert.equal(r.json.error.code, 'MEETING_ENDED');
        }
      });

      await t.test('A started again on the same database answers as B does', async () => {
        await within(a.start(), 25_000, 'A starts again');
        const r = await call(a.url, 'POST', '/join', { token: individual });
        assert.equal(r.status, 410, JSON.stringify(r.json));
        const onA = expectStatus(await call(a.url, 'GET', `/meetings/${m.meetingId}/audit`, { token: ORGANIZER_KEY }), 200, 'audit on A').json.entries;
        const onB = expectStatus(await call(b.url, 'GET', `/meetings/${m.meetingId}/audit`, { token: ORGANIZER_KEY }), 200, 'audit on B').json.entries;
        assert.deepEqual(onA, onB);
        assert.equal((onA as Array<{ action: string }>).filter((e) => e.action === 'meeting.ended').length, 1);
        assert.equal((onA as Array<{ action: string }>).filter((e) => e.action === 'remove').length, 1);
      });
    } catch (e) {
      t.diagnostic(`instance A's log:\n${a.log().slice(-4000)}\ninstance B's log:\n${b.log().slice(-4000)}`);
      throw e;
    } finally {
      (stream as EventStreamClient | null)?.close();
      await stack.close();
    }
  },
);

test(
  'two instances share what bounds a guesser and what acts on a webhook: code tries, attempt limits, one delivery acting once',
  { ...postgresTestOptions(), timeout: 120_000 },
  async (t) => {
    const stack: TwoInstances = await startTwoInstances();
    const { a, b, double } = stack;
    try {
      await t.test("an SMS code's five tries are counted across instances: wrong on A and B in turn, then the right one is refused", async () => {
        const m = await bookMeeting(stack.proxy.url);
        expectStatus(await call(a.url, 'POST', `/invites/${m.guest.token}/code`, { forwardedFor: '198.51.100.1' }), 200, 'code asked for on A');
        const code = stack.sms.codeFor(GUEST_PHONE);
        assert.ok(code);
        const wrong = code === '000000' ? '000001' : '000000';
        const left: number[] = [];
        for (let n = 0; n < 5; n++) {
          const on = n % 2 === 0 ? a : b;
          const r = await call(on.url, 'POST', `/invites/${m.guest.token}/session`, { body: { code: wrong }, forwardedFor: `198.51.100.${10 + n}` });
          assert.equal(r.status, 400, `wrong code ${n + 1} on ${on.name}: ${JSON.stringify(r.json)}`);
          assert.equal(r.json.error.code, 'CODE_INVALID');
          // The tries left are in the message ("…; 3 tries left", "… no tries are left …").
          const message = String(r.json.error.message);
          left.push(/no tries are left/.test(message) ? 0 : Number(/(\d+) tr(?:y|ies) left/.exec(message)?.[1] ?? NaN));
        }
        assert.deepEqual(left, [4, 3, 2, 1, 0], "each instance counts the other's tries");
        const late = await call(b.url, 'POST', `/invites/${m.guest.token}/session`, { body: { code }, forwardedFor: '198.51.100.20' });
        assert.equal(late.status, 429, `the right code after five wrong ones: ${JSON.stringify(late.json)}`);
        assert.equal(late.json.error.code, 'RATE_LIMITED');
      });

      await t.test("an invitation's attempt limit is one limit across instances: the second instance is not a second chance", async () => {
        const m1 = await bookMeeting(stack.proxy.url);
        const m2 = await bookMeeting(stack.proxy.url);
        // Each attempt from an address of its own (an attacker spreading out), so only the limit per
        // invitation counts; the load balancer (this test) writes the address, as the proxy would.
        let address = 0;
        const attemptsBeforeRefusal = async (token: string, instances: Array<{ url: string }>): Promise<number> => {
          for (let n = 0; n < 60; n++) {
            const on = instances[n % instances.length] as { url: string };
            address += 1;
            const r = await call(on.url, 'GET', `/invites/${token}`, { forwardedFor: `203.0.${address >> 8}.${address & 255}` });
            if (r.status === 429) {
              assert.equal(r.json.error.code, 'RATE_LIMITED');
              return n;
            }
            assert.equal(r.status, 200, JSON.stringify(r.json));
          }
          return Infinity;
        };
        const onOne = await attemptsBeforeRefusal(m1.guest.token, [a]);
        const onBoth = await attemptsBeforeRefusal(m2.guest.token, [a, b]);
        t.diagnostic(`attempts answered before the first refusal: ${onOne} on A alone, ${onBoth} on A and B in turn`);
        assert.ok(Number.isFinite(onOne), 'one instance alone refuses at some point');
        assert.equal(onBoth, onOne, 'A and B in turn allow no more attempts than A alone');
      });

      await t.test('a webhook delivered to both instances at once acts once: one StopEgress, one audit entry', async () => {
        const m = await bookMeeting(stack.proxy.url);
        const chair = await vouchChair(stack.proxy.url, m.meetingId);
        const c = expectStatus(await call(a.url, 'POST', '/join', { token: chair }), 200, 'the chair joins');
        const room = roomOf(c.json.token);
        assert.ok((await double.join(c.json.token)).ok);
        await double.flushWebhooks();
        const stopsBefore = double.calls.filter((x) => x.method === 'StopEgress').length;

        stack.webhooks.route = 'both';
        const deliveredBefore = stack.webhooks.both.length;
        const { egress } = await double.startEgress(room);
        await double.flushWebhooks();
        stack.webhooks.route = 'proxy';
        const answers = stack.webhooks.both.slice(deliveredBefore).filter((d) => d.event === 'egress_started');
        assert.equal(answers.length, 1, 'one delivery of egress_started, sent to both');
        t.diagnostic(`the delivery to both: A answered ${answers[0]?.A}, B answered ${answers[0]?.B}`);
        assert.ok(answers[0]?.A === 200 || answers[0]?.B === 200, `one of them took it: ${JSON.stringify(answers[0])}`);

        // LiveKit delivers again what was not answered 200 (a 503 while the other held the claim).
        const delivery = double.webhooks.findLast((d) => d.event === 'egress_started');
        assert.ok(delivery);
        for (const on of [a, b]) {
          const again = await fetch(`${on.url}/api/livekit/webhook`, {
            method: 'POST',
            headers: { 'content-type': 'application/webhook+json', authorization: delivery.authorization ?? '' },
            body: delivery.body,
          });
          assert.equal(again.status, 200, `the same delivery again on ${on.name}: ${await again.text()}`);
        }
        const stops = double.calls.filter((x) => x.method === 'StopEgress').length - stopsBefore;
        assert.equal(stops, 1, 'LiveKit was asked once to stop the recording');
        assert.ok(double.egresses().find((e) => e.egressId === egress.egressId)?.stoppedViaApi, 'the recording was stopped');
        const entries = expectStatus(await call(b.url, 'GET', `/meetings/${m.meetingId}/audit`, { token: ORGANIZER_KEY }), 200, 'audit').json.entries as Array<{
          action: string;
        }>;
        assert.equal(entries.filter((e) => e.action === 'egress.stopped').length, 1, 'audited once');
      });
    } catch (e) {
      t.diagnostic(`instance A's log:\n${a.log().slice(-4000)}\ninstance B's log:\n${b.log().slice(-4000)}`);
      throw e;
    } finally {
      await stack.close();
    }
  },
);
