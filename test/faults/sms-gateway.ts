// The SMS gateway care-meet-server sends through (CARE_MEET_SMS_URL), on 127.0.0.1: it takes the
// default JSON body `{"to", "text"}`, answers 200, and keeps the messages so a test can read the
// one-time code a phone guest was sent.
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SmsGateway {
  /** The send URL to configure. */
  readonly url: string;
  /** The one-time code in the latest code message to `phone` (invitation messages, which carry a link, are not codes). */
  codeFor(phone: string): string | null;
  close(): Promise<void>;
}

export async function startSmsGateway(): Promise<SmsGateway> {
  const messages: Array<{ to: string; text: string }> = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const m = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to?: unknown; text?: unknown };
        if (typeof m.to !== 'string' || typeof m.text !== 'string') throw new Error('no to or text');
        messages.push({ to: m.to, text: m.text });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":true}');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`,
    codeFor(phone) {
      const last = messages.findLast((m) => m.to === phone && !m.text.includes('#invite='));
      return last ? (/\b([0-9]{6,10})\b/.exec(last.text)?.[1] ?? null) : null;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
