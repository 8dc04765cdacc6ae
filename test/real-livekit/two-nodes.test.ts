// care-meet against LiveKit on two nodes sharing Redis (issue 16, item 4): LiveKit's own multi-node
// mode, started for this suite by scripts/livekit-cluster.sh (two nodes of the built release, their
// own ports and ICE ranges, a throwaway Redis, everything on 127.0.0.1). care-meet's server talks to
// node A's API only, as it would to a load balancer; each node sends its webhooks through a relay of
// its own, so the suite knows which node delivered what. It shows:
//   - the rooms care-meet creates land on both nodes (LiveKit chooses; Redis's room_node_map says where);
//   - two people in one room, one connected through node A's URL and one through node B's, see each
//     other's video in Chromium, and both send their media to the node that hosts the room;
//   - webhooks from both nodes reach care-meet, each from the node hosting the room;
//   - care-meet removes a participant and ends a meeting wherever its room lives;
//   - the HTTP scenarios of every real-server run pass through node A;
//   - when the node hosting a room dies (kill -9), LiveKit places the room on the other node and the
//     people rejoin it there by themselves.
// Needs only Chromium and the LiveKit build (it starts its own cluster and care-meet, whatever
// LIVEKIT_URL says), and runs where only loopback exists (scripts/loopback-only.sh), as
// test:livekit does. It fails (never skips) when redis-server or the LiveKit build is missing.
// Figures are printed as `# two nodes: …` lines.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RoomServiceClient } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, person } from '../e2e/harness.js';
import { freePort } from '../free-port.js';
import { bookOpenMeeting, sharedScenarios, vouch, type Booked } from '../scenarios/scenarios.js';
import { ORGANIZER_KEY, realTarget, startStack, type Stack } from '../scenarios/support.js';
import { bareRoomState, joinBareRoom, remoteVideo, waitForDisconnect } from './bare-room.js';
import { describeFrames, flowing, isLoopback, selectedIcePairs, waitForFrames } from './media-probe.js';
import { startCluster, webhookRelay, type Cluster, type ClusterNode, type Delivery } from './two-node-cluster.js';

/** Meetings booked at least, and at most while waiting for LiveKit to have placed a meeting room on each node. */
const MIN_MEETINGS = 6;
const MAX_MEETINGS = 16;
const STEP_MS = 20_000;
/** How long LiveKit and livekit-client get to bring a room back on the other node after its node dies. */
const NODE_DEATH_MS = 60_000;

const CHAIR = { kind: 'hsa', hsaId: 'SE2321000016-A1B2' };
const RELATIVE = { kind: 'pnr', pnr: '19850709-9920' };

const roomOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).video.room as string;

function note(line: string): void {
  console.log(`# two nodes: ${line}`);
}

async function until<T>(what: string, timeoutMs: number, read: () => Promise<T | null | undefined | false>): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (value) return { value, ms: Date.now() - start };
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One booked meeting whose room LiveKit placed on `node`. */
interface Placed {
  booked: Booked;
  node: ClusterNode;
  room: string;
  lobbyRoom: string;
  chairSession: string;
}

/** Two people of one meeting connected in bare pages, and through which nodes. */
interface Pair {
  chair: Page;
  relative: Page;
  meeting: Placed;
  chairToken: string;
  via: { chair: ClusterNode; relative: ClusterNode };
  connectMs: { chair: number; relative: number };
  /** ms from the connects until both were seen flowing, and (page clock) until each first frame of the other. */
  bothSeeMs: number;
  firstFrameMs: { chair: number; relative: number };
}

describe('care-meet against LiveKit on two nodes sharing Redis', { timeout: 300_000 }, () => {
  let cluster: Cluster;
  let stack: Stack;
  let browser: Browser;
  const deliveries: Delivery[] = [];
  const relays: Array<{ close(): Promise<void> }> = [];
  const pages: Page[] = [];
  let api: { a: RoomServiceClient; b: RoomServiceClient };
  /** Every meeting booked, in order, with where LiveKit placed its room. */
  const placed: Placed[] = [];
  /** The first meeting placed on each node, and the two people connected to it. */
  const on: Partial<Record<'A' | 'B', Placed>> = {};
  const people: Partial<Record<'A' | 'B', Pair>> = {};

  before(async () => {
    const started = Date.now();
    const port = await freePort();
    const careMeetWebhook = `http://127.0.0.1:${port}/api/livekit/webhook`;
    const relayA = await webhookRelay('A', careMeetWebhook, deliveries);
    const relayB = await webhookRelay('B', careMeetWebhook, deliveries);
    relays.push(relayA, relayB);
    cluster = await startCluster(relayA.url, relayB.url);
    const nodeA = { LIVEKIT_URL: cluster.a.url, LIVEKIT_API_KEY: cluster.apiKey, LIVEKIT_API_SECRET: cluster.apiSecret, LIVEKIT_ROOM_AUTO_CREATE: 'false' };
    // care-meet knows node A only, as it would know a load balancer's address.
    stack = await startStack(async () => realTarget(nodeA), { port });
    const http = (n: ClusterNode) => n.url.replace(/^ws/, 'http');
    api = {
      a: new RoomServiceClient(http(cluster.a), cluster.apiKey, cluster.apiSecret),
      b: new RoomServiceClient(http(cluster.b), cluster.apiKey, cluster.apiSecret),
    };
    browser = await launchBrowser();
    note(`nodes ${cluster.a.id} at ${cluster.a.url} and ${cluster.b.id} at ${cluster.b.url}; cluster, care-meet and Chromium up in ${Date.now() - started} ms`);
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
    await cluster?.close();
    for (const r of relays) await r.close();
  });

  const nodeWithId = (id: string | undefined) => [cluster.a, cluster.b].find((n) => n.id === id);

  /** Books a meeting and lets its chair join, which makes care-meet create its rooms (through node A). */
  async function placeMeeting(): Promise<Placed> {
    const booked = await bookOpenMeeting(stack);
    const chairSession = await vouch(stack, booked.meetingId, CHAIR, 'siths');
    const join = await stack.call('POST', '/join', { token: chairSession });
    assert.equal(join.status, 200, JSON.stringify(join.json));
    const room = roomOf(join.json.token);
    const lobbyRoom = roomOf(join.json.lobbyToken);
    const placement = await cluster.roomNodes();
    const node = nodeWithId(placement.get(room));
    assert.ok(node, `LiveKit placed ${room} on one of the two nodes (room_node_map says ${placement.get(room)})`);
    assert.ok(nodeWithId(placement.get(lobbyRoom)), `and the lobby room ${lobbyRoom} too (${placement.get(lobbyRoom)})`);
    const meeting = { booked, node, room, lobbyRoom, chairSession };
    placed.push(meeting);
    return meeting;
  }

  /**
   * The meeting's chair and relative join through care-meet and connect bare pages through the nodes
   * named; both publish their camera. Fails unless each sees the other's video, with every ICE pair on
   * loopback and on the ICE ports of the node hosting the room.
   */
  async function connectPair(meeting: Placed, via: { chair: ClusterNode; relative: ClusterNode }): Promise<Pair> {
    const chairJoin = await stack.call('POST', '/join', { token: meeting.chairSession });
    const relativeJoin = await stack.call('POST', '/join', { token: await vouch(stack, meeting.booked.meetingId, RELATIVE, 'bankid') });
    assert.equal(relativeJoin.json.status, 'admitted', JSON.stringify(relativeJoin.json));
    assert.equal(chairJoin.json.livekitUrl, cluster.a.url, "care-meet hands out node A's URL");
    const chair = (await person(browser)).page;
    const relative = (await person(browser)).page;
    pages.push(chair, relative);
    const started = Date.now();
    const [chairConnectMs, relativeConnectMs] = await Promise.all([
      joinBareRoom(chair, via.chair.url, chairJoin.json.token),
      joinBareRoom(relative, via.relative.url, relativeJoin.json.token),
    ]);
    const pair: Pair = {
      chair,
      relative,
      meeting,
      chairToken: chairJoin.json.token,
      via,
      connectMs: { chair: chairConnectMs, relative: relativeConnectMs },
      bothSeeMs: 0,
      firstFrameMs: { chair: 0, relative: 0 },
    };
    await assertSeeEachOther(pair, meeting.node, STEP_MS);
    pair.bothSeeMs = Date.now() - started;
    pair.firstFrameMs = {
      chair: (await bareRoomState(chair)).firstFrameMs[meeting.booked.relativeId] ?? -1,
      relative: (await bareRoomState(relative)).firstFrameMs[meeting.booked.chairId] ?? -1,
    };
    return pair;
  }

  /** Each of the pair sees the other's video flowing, and sends and receives media on `host`'s ICE ports only. */
  async function assertSeeEachOther(pair: Pair, host: ClusterNode, timeoutMs: number): Promise<void> {
    const { chairId, relativeId } = pair.meeting.booked;
    const [seesRelative, seesChair] = await Promise.all([
      waitForFrames(remoteVideo(pair.chair, relativeId), timeoutMs),
      waitForFrames(remoteVideo(pair.relative, chairId), timeoutMs),
    ]);
    assert.ok(flowing(seesRelative), `the chair (via ${pair.via.chair.name}) sees the relative's video (${describeFrames(seesRelative)})`);
    assert.ok(flowing(seesChair), `the relative (via ${pair.via.relative.name}) sees the chair's video (${describeFrames(seesChair)})`);
    for (const [who, page] of [
      [`chair (signalling via ${pair.via.chair.name})`, pair.chair],
      [`relative (signalling via ${pair.via.relative.name})`, pair.relative],
    ] as const) {
      const pairs = await selectedIcePairs(page);
      assert.ok(pairs.length > 0, `${who}: a connected peer connection`);
      for (const ice of pairs) {
        assert.ok(isLoopback(ice.local.address) && isLoopback(ice.remote.address), `${who}: ICE on loopback (${JSON.stringify(ice)})`);
        assert.ok(
          host.ownsIcePort(ice.remote.port),
          `${who}: media goes to node ${host.name}, which hosts the room (${ice.remote.protocol} port ${ice.remote.port})`,
        );
      }
    }
  }

  test("care-meet's rooms, all created through node A, land on both nodes", async () => {
    const onBoth = () => placed.some((p) => p.node === cluster.a) && placed.some((p) => p.node === cluster.b);
    while (placed.length < MAX_MEETINGS && (placed.length < MIN_MEETINGS || !onBoth())) await placeMeeting();
    const placement = await cluster.roomNodes();
    const rooms = placed.flatMap((p) => [p.room, p.lobbyRoom]);
    const count = (n: ClusterNode) => rooms.filter((r) => placement.get(r) === n.id).length;
    const meetingRooms = (n: ClusterNode) => placed.filter((p) => p.node === n).length;
    note(
      `${placed.length} meetings, ${rooms.length} rooms: ${count(cluster.a)} on node A, ${count(cluster.b)} on node B (meeting rooms: ${meetingRooms(cluster.a)} on A, ${meetingRooms(cluster.b)} on B)`,
    );
    on.A = placed.find((p) => p.node === cluster.a);
    on.B = placed.find((p) => p.node === cluster.b);
    assert.ok(on.A && on.B, `a meeting room on each node after ${placed.length} meetings`);
    // Either node's API lists every room, wherever it lives: the room list is Redis's.
    for (const [name, client] of Object.entries(api)) {
      const listed = new Set((await client.listRooms()).map((r) => r.name));
      for (const r of rooms) assert.ok(listed.has(r), `node ${name.toUpperCase()}'s ListRooms includes ${r}`);
    }
  });

  test('in a room on either node, people connected through node A and through node B see each other; the media goes to the node hosting the room', async () => {
    for (const where of ['B', 'A'] as const) {
      const meeting = on[where]!;
      // The chair connects through node A, the relative through node B, whichever hosts the room.
      const pair = await connectPair(meeting, { chair: cluster.a, relative: cluster.b });
      // care-meet's view through node A lists both, wherever the room is.
      const listed = (await api.a.listParticipants(meeting.room)).map((p) => p.identity).sort();
      assert.deepEqual(listed, [meeting.booked.chairId, meeting.booked.relativeId].sort());
      people[where] = pair;
      note(
        `room on node ${where}: connected in ${pair.connectMs.chair} ms via A and ${pair.connectMs.relative} ms via B; first frame of the other's video ` +
          `${pair.firstFrameMs.chair} ms (chair, via A) and ${pair.firstFrameMs.relative} ms (relative, via B) after connecting began; ` +
          `both checked flowing after ${pair.bothSeeMs} ms`,
      );
    }
  });
  test('webhooks from both nodes reach care-meet, each from the node hosting the room (whichever node the person connected through)', async () => {
    for (const where of ['A', 'B'] as const) {
      const meeting = on[where]!;
      await until(
        `participant_joined for both people in the room on ${where}`,
        STEP_MS,
        async () => deliveries.filter((d) => d.event === 'participant_joined' && d.room === meeting.room).length >= 2,
      );
      const joined = deliveries.filter((d) => d.event === 'participant_joined' && d.room === meeting.room);
      for (const d of joined) {
        assert.equal(d.node, where, `participant_joined for ${d.identity} came from node ${where}, which hosts the room`);
        assert.equal(d.status, 200, `care-meet took it: ${d.answer}`);
        assert.equal(JSON.parse(d.answer).duplicate, false);
      }
      // care-meet acted on it: attendance is audited from webhooks only (actor `livekit`), and the
      // chair's roster shows the relative connected.
      const audit = await stack.call('GET', `/meetings/${meeting.booked.meetingId}/audit`, { token: ORGANIZER_KEY });
      const connected = audit.json.entries.filter((e: { action: string; actor: string }) => e.action === 'attendance.connected' && e.actor === 'livekit');
      assert.deepEqual(connected.map((e: { participantId: string }) => e.participantId).sort(), [meeting.booked.chairId, meeting.booked.relativeId].sort());
      const roster = await stack.call('GET', `/meetings/${meeting.booked.meetingId}/roster`, { token: meeting.chairSession });
      const relative = roster.json.participants.find((p: { id: string }) => p.id === meeting.booked.relativeId);
      assert.equal(relative?.status, 'connected', JSON.stringify(roster.json));
    }
    // Every delivery about a room came from the node hosting it (a room never changes node here).
    const placement = await cluster.roomNodes();
    const hostName = (room: string) => (placement.get(room) === cluster.a.id ? 'A' : placement.get(room) === cluster.b.id ? 'B' : null);
    const known = deliveries.filter((d) => hostName(d.room) !== null);
    for (const d of known) assert.equal(d.node, hostName(d.room), `${d.event} for ${d.room} came from its host`);
    const byNode = (n: 'A' | 'B') => deliveries.filter((d) => d.node === n);
    note(`webhooks so far: ${byNode('A').length} from node A, ${byNode('B').length} from node B (${[...new Set(deliveries.map((d) => d.event))].join(', ')})`);
    assert.ok(byNode('A').length > 0 && byNode('B').length > 0);
  });

  test('care-meet, talking to node A, removes a participant wherever the room lives', async () => {
    for (const where of ['B', 'A'] as const) {
      const meeting = on[where]!;
      const { relative } = people[where]!;
      const relativeId = meeting.booked.relativeId;
      const started = Date.now();
      const rm = await stack.call('POST', `/meetings/${meeting.booked.meetingId}/remove`, { token: meeting.chairSession, body: { participantId: relativeId } });
      assert.equal(rm.status, 200, JSON.stringify(rm.json));
      const gone = await waitForDisconnect(relative, STEP_MS);
      const ms = Date.now() - started;
      assert.equal(gone.disconnectReason, 'PARTICIPANT_REMOVED', `room on ${where}: the relative (connected through B) is removed`);
      for (const [name, client] of Object.entries(api)) {
        const left = await until(
          `node ${name} no longer lists the relative`,
          STEP_MS,
          async () => !(await client.listParticipants(meeting.room)).some((p) => p.identity === relativeId),
        );
        assert.ok(left.value);
      }
      const again = await stack.call('POST', '/join', { token: await vouch(stack, meeting.booked.meetingId, RELATIVE, 'bankid') });
      assert.equal(again.json?.error?.code, 'REMOVED');
      note(`room on node ${where}: removed through node A, the relative's page (via B) disconnected ${ms} ms after the request`);
    }
  });

  test('care-meet, talking to node A, ends a meeting wherever its room lives', async () => {
    for (const where of ['B', 'A'] as const) {
      const meeting = on[where]!;
      const { chair, chairToken } = people[where]!;
      const started = Date.now();
      const end = await stack.call('POST', `/meetings/${meeting.booked.meetingId}/end`, { token: meeting.chairSession });
      assert.equal(end.status, 200, JSON.stringify(end.json));
      const gone = await waitForDisconnect(chair, STEP_MS);
      const ms = Date.now() - started;
      assert.equal(gone.disconnectReason, 'ROOM_DELETED', `room on ${where}: the chair (connected through A) is disconnected by the end`);
      const placement = await cluster.roomNodes();
      assert.ok(!placement.has(meeting.room), `Redis no longer places ${meeting.room}`);
      for (const [name, client] of Object.entries(api)) {
        assert.ok(!(await client.listRooms()).some((r) => r.name === meeting.room), `node ${name.toUpperCase()} no longer lists the room`);
      }
      // A token still within its lifetime opens the room on neither node (rooms are never auto-created).
      for (const node of [cluster.a, cluster.b]) {
        const r = await realTarget({ LIVEKIT_URL: node.url, LIVEKIT_API_KEY: cluster.apiKey, LIVEKIT_API_SECRET: cluster.apiSecret }).connect(chairToken);
        assert.equal(r.ok, false, `node ${node.name} refuses the old token: ${r.detail}`);
      }
      const rejoin = await stack.call('POST', '/join', { token: meeting.chairSession });
      assert.equal(rejoin.json?.error?.code, 'MEETING_ENDED');
      note(`room on node ${where}: ended through node A, the chair's page (via A) disconnected ${ms} ms after the request`);
    }
    const state = await Promise.all(pages.map((p) => bareRoomState(p)));
    assert.ok(
      state.every((s) => !s.connected),
      'nobody is left connected',
    );
    for (const where of ['A', 'B'] as const) {
      const { value: finished } = await until(`room_finished for the ended room on ${where}`, STEP_MS, async () =>
        deliveries.find((d) => d.event === 'room_finished' && d.room === on[where]!.room),
      );
      assert.equal(finished.node, where, `room_finished came from node ${where}, which hosted the room`);
      assert.equal(finished.status, 200, finished.answer);
    }
  });

  // The HTTP scenarios every real-server run checks, here with care-meet on node A and the rooms on
  // whichever node LiveKit chooses.
  for (const [name, run] of Object.entries(sharedScenarios)) {
    test(`scenario through node A: ${name}`, () => run(stack));
  }

  // Last: node B does not come back. Asserted: what LiveKit and livekit-client do by themselves (the
  // room placed again on the live node, both people rejoining it there). Measured and printed, not
  // asserted: whether their video flows again. In 2 of 15 runs here it did not, within 30 to 60 s, for
  // one of them, although both had rejoined and listed each other; that was not investigated further.
  test('when the node hosting a room dies (kill -9), people connected through the other node rejoin by themselves, the room now on that node', async () => {
    let meeting = placed.find((p) => p.node === cluster.b && p !== on.B);
    while (!meeting && placed.length < 3 * MAX_MEETINGS) {
      const next = await placeMeeting();
      if (next.node === cluster.b) meeting = next;
    }
    assert.ok(meeting, 'a second meeting room on node B');
    // Both connect through node A (in production: through the load balancer, which no longer sends anyone to B).
    const pair = await connectPair(meeting, { chair: cluster.a, relative: cluster.a });
    const killed = Date.now();
    const deliveredBefore = deliveries.length;
    process.kill(cluster.b.pid, 'SIGKILL');
    const since = () => deliveries.slice(deliveredBefore).filter((d) => d.room === meeting.room);
    const moved = await until('LiveKit places the room on node A', NODE_DEATH_MS, async () => (await cluster.roomNodes()).get(meeting.room) === cluster.a.id);
    const { chairId, relativeId } = meeting.booked;
    // Back: node A says both joined (webhooks), and both pages say they are connected again.
    const rejoined = await until('both rejoin the room on node A, livekit-client reconnecting by itself', NODE_DEATH_MS, async () => {
      const joined = new Set(
        since()
          .filter((d) => d.event === 'participant_joined' && d.node === 'A')
          .map((d) => d.identity),
      );
      const states = await Promise.all([pair.chair, pair.relative].map((page) => bareRoomState(page)));
      return joined.has(chairId) && joined.has(relativeId) && states.every((state) => state.connected);
    });
    let video: string;
    try {
      await assertSeeEachOther(pair, cluster.a, 30_000);
      video = `both see each other again, media on node A, ${Date.now() - killed} ms after the kill`;
    } catch (e) {
      const pages = await Promise.all([pair.chair, pair.relative].map((page) => bareRoomState(page)));
      video = `their video did NOT flow again within 30 s (${(e as Error).message}; the pages: ${JSON.stringify(pages)})`;
    }
    note(`node B killed: its room placed on node A ${moved.ms} ms later, both rejoined it ${moved.ms + rejoined.ms} ms after the kill; ${video}`);
    note(
      `webhooks about that room since the kill: ${
        since()
          .map((d) => `${d.event}${d.identity ? ` ${d.identity}` : ''} from node ${d.node}`)
          .join(', ') || 'none'
      }`,
    );
  });
});
