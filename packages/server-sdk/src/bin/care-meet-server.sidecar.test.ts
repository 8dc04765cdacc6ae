// care-meet-server on its own, as a portal that is not written in Node runs it: configured from a
// file and the environment, proving identities at the test IdP, sending SMS through an HTTP gateway
// stand-in and e-mail through an SMTP sink, all on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACR, loginWithoutBrowser, startTestIdp } from '@care-meet/test-idp';
import { startSmsGatewayStandIn } from '../test-support/sms-gateway-stand-in.js';
import { startSidecar } from '../test-support/sidecar-process.js';
import { startSmtpSink } from '../test-support/smtp-sink.js';

const ORGANIZER_KEY = 'sidecar-test-organizer-key-0123456789abcdef';
const CLIENT_SECRET = 'sidecar-test-client-secret-0123456789';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const start = startSidecar;

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

test("care-meet-server alone serves invitations: OIDC at the test IdP, SMS through the gateway, e-mail over SMTP, each in the recipient's language", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-sidecar-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const callback = `${origin}/api/oidc/callback`;
  const idp = await startTestIdp({ clients: [{ clientId: 'care-meet', clientSecret: CLIENT_SECRET, redirectUris: [callback] }] });
  const gateway = await startSmsGatewayStandIn();
  const sink = await startSmtpSink();
  const provider = { issuer: idp.issuer, clientId: 'care-meet', redirectUri: callback, allowInsecureRequests: true };
  // Structure in the file; the secrets in the environment, as an operator would keep them.
  writeFileSync(
    join(dir, 'care-meet.json'),
    JSON.stringify({
      allowedReturnOrigins: [origin],
      identityProviders: { bankid: provider, siths: { ...provider, acceptedAcr: [ACR.loa3] } },
      sms: { url: gateway.url, body: { sender: 'Regionen', to: '{{to}}', message: '{{text}}' }, timeoutSeconds: 2 },
      email: { url: sink.url, from: 'Regionen <no-reply@region.example>' },
      messageLanguage: 'sv',
    }),
  );
  const s = start({
    CARE_MEET_ORGANIZER_KEY: ORGANIZER_KEY,
    CARE_MEET_DB: join(dir, 'db.sqlite'),
    PORT: String(port),
    LIVEKIT_URL: 'ws://127.0.0.1:9',
    CARE_MEET_E2EE_KEY: 'WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo=',
    CARE_MEET_INVITE_URL: `${origin}/join`,
    CARE_MEET_CONFIG: join(dir, 'care-meet.json'),
    CARE_MEET_OIDC_BANKID_CLIENT_SECRET: CLIENT_SECRET,
    CARE_MEET_OIDC_SITHS_CLIENT_SECRET: CLIENT_SECRET,
    CARE_MEET_SMS_AUTHORIZATION: 'Bearer gateway-key',
  });
  try {
    const url = await s.listening;
    assert.match(
      s.stderr(),
      /bookings may name: bankid \(identity provider http:\/\/127\.0\.0\.1:\d+\), siths \(identity provider [^)]+\), sms-code \(SMS gateway http:\/\/127\.0\.0\.1:\d+\), name \(e-mail via smtp:\/\/127\.0\.0\.1:\d+\)/,
    );
    const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const r = await fetch(`${url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${ORGANIZER_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'manual',
      });
      const text = await r.text();
      return { status: r.status, headers: r.headers, json: text ? JSON.parse(text) : null };
    };
    const participants = [
      { name: 'Anna Samordnare', role: 'chair', identity: { kind: 'hsa', hsaId: 'SE2321000016-A1B2' } },
      { name: 'Esther Exempel', role: 'individual', identity: { kind: 'pnr', pnr: '19121212-1212' } },
      { name: 'Kurt Kurator', role: 'guest', identity: { kind: 'guest', phone: '+4520123456' }, language: 'da' },
      { name: 'Lisa Lärare', role: 'guest', identity: { kind: 'guest', email: 'lisa@example.se' }, language: 'en' },
    ];
    const booked = await api('POST', '/meetings', { title: 'SIP-möte', startsAt: inMinutes(5), endsAt: inMinutes(65), participants });
    assert.equal(booked.status, 201, JSON.stringify(booked.json));
    const [, esther, kurt, lisa] = booked.json.participants as Array<{ invite: { token: string; url: string; delivery?: string } }>;
    assert.equal(kurt?.invite.delivery, 'sms');
    assert.equal(lisa?.invite.delivery, 'email');

    // The SMS invitation: through the gateway, the template's shape, the key header, in Danish.
    const invitationSms = await gateway.waitFor(1);
    assert.equal(invitationSms.headers.authorization, 'Bearer gateway-key');
    const smsBody = invitationSms.body as { sender: string; to: string; message: string };
    assert.equal(smsBody.sender, 'Regionen');
    assert.equal(smsBody.to, '+4520123456');
    assert.match(smsBody.message, /^Du er inviteret til et videomøde .* Åbn linket, når det er tid: /);
    assert.ok(smsBody.message.endsWith(kurt?.invite.url as string));
    // The e-mail invitation: over SMTP, in English.
    const mail = await sink.waitFor(1);
    assert.deepEqual(mail.to, ['lisa@example.se']);
    assert.equal(mail.subject, 'Invitation to a video meeting');
    assert.ok(mail.text.includes(lisa?.invite.url as string));

    // The SMS code, in the language the guest's browser reads.
    const code = await api('POST', `/invites/${kurt?.invite.token}/code`, undefined, { 'accept-language': 'da-DK,da;q=0.9' });
    assert.equal(code.status, 200, JSON.stringify(code.json));
    const codeSms = ((await gateway.waitFor(2)).body as { message: string }).message;
    const digits = /^Din kode er (\d{6})\./.exec(codeSms)?.[1];
    assert.ok(digits, codeSms);
    const session = await api('POST', `/invites/${kurt?.invite.token}/session`, { code: digits });
    assert.equal(session.status, 201, JSON.stringify(session.json));

    // BankID through the identity provider: start, log in as Esther, come back with a session.
    const started = await api('POST', `/invites/${esther?.invite.token}/oidc`, { returnTo: `${origin}/join` });
    assert.equal(started.status, 200, JSON.stringify(started.json));
    const cookie = (started.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const back = await loginWithoutBrowser(started.json.authorizationUrl as string, { user: 'esther' });
    assert.equal(back.origin + back.pathname, callback);
    const finished = await fetch(back, { headers: { cookie }, redirect: 'manual' });
    assert.equal(finished.status, 303);
    assert.match(finished.headers.get('location') ?? '', new RegExp(`^${origin}/join#care-session=s_`));

    // A gateway that refuses: SEND_FAILED for the person, the status in the operator's log.
    gateway.answer(401);
    const again = await api('POST', `/meetings/${booked.json.meeting.id}/participants`, {
      name: 'Karl Kurator',
      role: 'guest',
      identity: { kind: 'guest', phone: '+46709876543' },
    });
    assert.equal(again.status, 201, JSON.stringify(again.json));
    assert.equal(again.json.participant.invite.delivery, 'failed');
    const failed = await api('POST', `/invites/${again.json.participant.invite.token}/code`);
    assert.equal(failed.status, 502);
    assert.equal(failed.json.error.code, 'SEND_FAILED');
    await new Promise((r) => setTimeout(r, 100));
    assert.match(s.stderr(), /"message":"sms gateway refused","gateway":"http:\/\/127\.0\.0\.1:\d+","status":401/);
    assert.doesNotMatch(s.stderr(), /709876543|4520123456|lisa@example/);

    // MitID has no provider here: a Danish relative cannot be booked.
    const dane = await api('POST', `/meetings/${booked.json.meeting.id}/participants`, {
      name: 'Mette Mitidsen',
      role: 'relative',
      identity: { kind: 'cpr', cpr: '070761-4285' },
    });
    assert.equal(dane.status, 400);
    assert.equal(dane.json.error.code, 'VERIFY_METHOD_NOT_CONFIGURED');
  } finally {
    await s.stop();
    await Promise.all([idp.close(), gateway.close(), sink.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('care-meet-server refuses to start when what it allows cannot be served, and names the setting', async () => {
  const base = {
    CARE_MEET_ORGANIZER_KEY: ORGANIZER_KEY,
    CARE_MEET_DB: ':memory:',
    PORT: '0',
    LIVEKIT_URL: 'ws://127.0.0.1:9',
    CARE_MEET_E2EE_KEY: 'WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo=',
  };
  // The other refusals are in deployment-settings.test.ts, without a process each.
  const s = start({ ...base, CARE_MEET_VERIFY_METHODS: 'bankid,sms-code' });
  await assert.rejects(s.listening, (e: Error & { code?: number }) => {
    assert.equal(e.code, 1);
    assert.match(
      e.message,
      /care-meet-server: CARE_MEET_VERIFY_METHODS names bankid, but no identity provider is set up for it: set CARE_MEET_OIDC_BANKID_ISSUER/,
    );
    return true;
  });
});
