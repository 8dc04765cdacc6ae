import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capturingLogger } from '../test-support/identity.js';
import { startSmsGatewayStandIn } from '../test-support/sms-gateway-stand-in.js';
import { startSmtpSink } from '../test-support/smtp-sink.js';
import { MessageTransports, NoTransportError } from './message-transports.js';
import { HttpSmsGateway, SmsGatewayError, checkSmsGatewayOptions } from './sms-gateway.js';
import { SmtpMailer, checkSmtpMailerOptions } from './smtp-mailer.js';

test('the SMS gateway gets one JSON POST per message, shaped by the template, with the configured header', async () => {
  const gw = await startSmsGatewayStandIn();
  try {
    const sms = new HttpSmsGateway({
      url: gw.url,
      headers: { Authorization: 'Bearer gateway-key' },
      body: { from: 'Regionen', messages: [{ recipient: '{{to}}', content: 'SMS: {{text}}' }] },
    });
    await sms.send('+46709876543', 'Din kod är 123456. "Citat" \\ och \n radbrytning.');
    const r = await gw.waitFor(1);
    assert.equal(r.method, 'POST');
    assert.equal(r.headers.authorization, 'Bearer gateway-key');
    assert.equal(r.headers['content-type'], 'application/json');
    assert.deepEqual(r.body, {
      from: 'Regionen',
      messages: [{ recipient: '+46709876543', content: 'SMS: Din kod är 123456. "Citat" \\ och \n radbrytning.' }],
    });
    await new HttpSmsGateway({ url: gw.url }).send('+4512345678', 'hej');
    assert.deepEqual((await gw.waitFor(2)).body, { to: '+4512345678', text: 'hej' });
  } finally {
    await gw.close();
  }
});

test('a gateway that refuses, hangs or is not there rejects with SmsGatewayError, and the log has the status but never the number or the text', async () => {
  const gw = await startSmsGatewayStandIn();
  const log = capturingLogger();
  try {
    const sms = new HttpSmsGateway({ url: gw.url, timeoutSeconds: 1, logger: log });
    gw.answer(401);
    await assert.rejects(sms.send('+46709876543', 'Din kod är 123456.'), (e: unknown) => {
      assert.ok(e instanceof SmsGatewayError);
      assert.equal(e.reason, 'refused');
      assert.equal(e.status, 401);
      return true;
    });
    gw.answer(302);
    await assert.rejects(sms.send('+46709876543', 'x'), (e: unknown) => e instanceof SmsGatewayError && e.status === 302);
    gw.answer('hang');
    const started = Date.now();
    await assert.rejects(sms.send('+46709876543', 'x'), (e: unknown) => e instanceof SmsGatewayError && e.reason === 'timeout');
    assert.ok(Date.now() - started < 4000, 'the timeout holds');
  } finally {
    await gw.close();
  }
  await assert.rejects(
    new HttpSmsGateway({ url: gw.url, logger: log }).send('+46709876543', 'x'),
    (e: unknown) => e instanceof SmsGatewayError && e.reason === 'unreachable',
  );
  const text = log.lines.join('\n');
  assert.match(text, /"message":"sms gateway refused".*"status":401/);
  assert.match(text, /sms gateway timed out/);
  assert.match(text, /sms gateway unreachable/);
  assert.doesNotMatch(text, /709876543|123456/);
});

test('SMS gateway options: https (http only on loopback), no credentials in the URL, {{to}} and {{text}} in the body, a bounded timeout', () => {
  const ok = { url: 'https://sms.region.example/v1/send' };
  assert.equal(checkSmsGatewayOptions(ok).timeoutSeconds, 10);
  for (const [options, message] of [
    [{ url: 'http://sms.region.example/send' }, /sms\.url must be https/],
    [{ url: 'https://user:pw@sms.region.example/send' }, /sms\.url must not hold credentials/],
    [{ url: 'not a url' }, /sms\.url must be an absolute/],
    [{ ...ok, body: { to: '{{to}}' } }, /sms\.body must contain \{\{text\}\}/],
    [{ ...ok, body: 'plain {{to}} {{text}}' }, /sms\.body must be a JSON object/],
    [{ ...ok, headers: { 'Bad Header': 'x' } }, /not a header name/],
    [{ ...ok, headers: { Authorization: 'a\r\nX-Injected: 1' } }, /sms\.headers\.Authorization must be a one-line string/],
    [{ ...ok, timeoutSeconds: 0 }, /sms\.timeoutSeconds must be 1 to 60/],
  ] as const) {
    assert.throws(() => checkSmsGatewayOptions(options as never), message);
  }
  assert.doesNotThrow(() => checkSmsGatewayOptions({ url: 'http://127.0.0.1:9/send' }));
});

test('e-mail goes over SMTP with nodemailer: subject and text arrive intact, non-ASCII included', async () => {
  const sink = await startSmtpSink();
  const mailer = new SmtpMailer({ url: sink.url, from: 'Regionen <no-reply@region.example>' });
  try {
    await mailer.send(
      'kurt@example.se',
      'Invitation til videomøde',
      'Hej!\n\nDu er inviteret til et videomøde tirsdag.\n\nÅbn linket:\nhttps://portal.example/join#invite=abc\n',
    );
    const mail = await sink.waitFor(1);
    assert.equal(mail.from, 'no-reply@region.example');
    assert.deepEqual(mail.to, ['kurt@example.se']);
    assert.equal(mail.subject, 'Invitation til videomøde');
    assert.match(mail.text, /Du er inviteret til et videomøde tirsdag\.\n\nÅbn linket:\nhttps:\/\/portal\.example\/join#invite=abc/);
  } finally {
    mailer.close();
    await sink.close();
  }
});

test('a mail server that refuses the recipient rejects the send, and the log says the SMTP code, not the address', async () => {
  const sink = await startSmtpSink();
  const log = capturingLogger();
  const mailer = new SmtpMailer({ url: sink.url, from: 'no-reply@region.example', logger: log, timeoutSeconds: 2 });
  try {
    sink.refuseRecipients('550 5.1.1 no such user');
    await assert.rejects(mailer.send('kurt@example.se', 'x', 'y'), (e: Error & { code?: string }) => e.code === 'EENVELOPE');
    assert.match(log.lines.join('\n'), /smtp server did not take the e-mail.*"responseCode":550/);
    assert.doesNotMatch(log.lines.join('\n'), /kurt@example/);
  } finally {
    mailer.close();
    await sink.close();
  }
});

test('SMTP options: smtp or smtps, no credentials in the URL, a sender address; plain SMTP only to loopback', () => {
  const ok = { url: 'smtps://mail.region.example', from: 'no-reply@region.example' };
  assert.doesNotThrow(() => checkSmtpMailerOptions(ok));
  for (const [options, message] of [
    [{ ...ok, url: 'https://mail.region.example' }, /email\.url must be an smtp: or smtps: URL/],
    [{ ...ok, url: 'smtps://u:p@mail.region.example' }, /email\.url must not hold credentials: set email\.user and email\.password/],
    [{ ...ok, from: 'Regionen' }, /email\.from must be the sender's address/],
    [{ ...ok, from: 'a@b\r\nBcc: x@y' }, /email\.from must be/],
    [{ ...ok, user: 'care-meet' }, /email\.user and email\.password go together/],
  ] as const) {
    assert.throws(() => checkSmtpMailerOptions(options as never), message);
  }
});

test('MessageTransports refuses a channel it has no transport for', async () => {
  const t = new MessageTransports({});
  await assert.rejects(t.sms('+46709876543', 'x'), (e: unknown) => e instanceof NoTransportError && e.channel === 'sms');
  await assert.rejects(t.email('a@b.se', 's', 'x'), (e: unknown) => e instanceof NoTransportError && e.channel === 'email');
});
