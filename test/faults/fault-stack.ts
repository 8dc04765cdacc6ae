// The fault suite's stack, all on 127.0.0.1: the LiveKit test double, the fault front care-meet
// reaches it through, an SMS gateway, and care-meet-server as a child process on a fixed port and
// database file, which a test may kill and start again. The double posts its webhooks straight to
// that port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../free-port.js';
import { startLiveKitDouble, type LiveKitDouble, type WebhookDelivery } from '../livekit-double/livekit-double.js';
import { API_KEY, API_SECRET, ORGANIZER_KEY, call, startCareMeetProcess, type CareMeetProcess } from './care-meet-process.js';
import { startLiveKitFront, type LiveKitFront } from './livekit-front.js';
import { startSmsGateway, type SmsGateway } from './sms-gateway.js';

export interface FaultStack {
  readonly base: string;
  readonly databaseFile: string;
  readonly double: LiveKitDouble;
  readonly front: LiveKitFront;
  readonly sms: SmsGateway;
  /** The running server process, or null between a kill and the next start. */
  readonly server: CareMeetProcess | null;
  /** Starts care-meet-server on the stack's port and database (again, after a kill). */
  start(): Promise<CareMeetProcess>;
  kill9(): Promise<void>;
  /**
   * What LiveKit does with deliveries our server did not answer 2xx (it was dead, or answered 5xx):
   * sends the same bytes again, every 250 ms, until each is answered 200 or `ms` have passed.
   * Resolves with the ones still not answered 200.
   */
  redeliverFailedWebhooks(ms: number): Promise<WebhookDelivery[]>;
  close(): Promise<void>;
}

export async function startFaultStack(): Promise<FaultStack> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-faults-'));
  const databaseFile = join(dir, 'care-meet.db');
  const double = await startLiveKitDouble({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    webhookUrl: `http://127.0.0.1:${port}/api/livekit/webhook`,
    autoCreate: false,
  });
  const front = await startLiveKitFront(double.url);
  const sms = await startSmsGateway();
  let server: CareMeetProcess | null = null;
  const base = `http://127.0.0.1:${port}`;

  const stack: FaultStack = {
    base,
    databaseFile,
    double,
    front,
    sms,
    get server() {
      return server;
    },
    async start() {
      if (server) throw new Error('care-meet-server runs already');
      server = await startCareMeetProcess({ port, databaseFile, livekitUrl: front.url, smsUrl: sms.url });
      return server;
    },
    async kill9() {
      const s = server;
      server = null;
      await s?.kill9();
    },
    async redeliverFailedWebhooks(ms) {
      await double.flushWebhooks();
      // By event: LiveKit retries an event until a delivery of it is answered 200.
      const answered = new Set(double.webhooks.filter((d) => d.status === 200).map((d) => d.id));
      const pending = new Map<string, WebhookDelivery>();
      for (const d of double.webhooks) if (d.id !== undefined && !answered.has(d.id) && !pending.has(d.id)) pending.set(d.id, d);
      const deadline = Date.now() + ms;
      while (pending.size > 0 && Date.now() < deadline) {
        for (const [id, d] of pending) if ((await double.sendRawWebhook(d.body, d.authorization)) === 200) pending.delete(id);
        if (pending.size > 0) await new Promise((r) => setTimeout(r, 250));
      }
      return [...pending.values()];
    },
    async close() {
      await stack.kill9();
      await front.close();
      await double.close();
      await sms.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return stack;
}

/** The audit entries of a meeting, oldest first, through the organizer route. */
export async function auditOf(
  stack: FaultStack,
  meetingId: string,
): Promise<Array<{ action: string; outcome: string; code: string | null; participantId: string | null; details: Record<string, unknown> }>> {
  const r = await call(stack.base, 'GET', `/meetings/${meetingId}/audit`, { token: ORGANIZER_KEY });
  if (r.status !== 200) throw new Error(`audit of ${meetingId}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.entries;
}
