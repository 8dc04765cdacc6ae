import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CareMeet, type CareMeetOptions, type EvaluationQuestion } from './care-meet.js';
import { MessageTransports } from './delivery/message-transports.js';
import { HttpSmsGateway, type SmsGatewayOptions } from './delivery/sms-gateway.js';
import { SmtpMailer, type SmtpMailerOptions } from './delivery/smtp-mailer.js';
import { DEPLOYMENT_ENVIRONMENT, deploymentSettingsFrom, describeDeployment, e2eeSettingFrom } from './deployment-settings.js';
import { createCareMeetHandler, type FetchHandler } from './http/handler.js';
import { toNodeListener } from './http/node-adapter.js';
import { jsonLogger, type Logger } from './logger.js';
import { openMeetingStore } from './store/open-store.js';

/** The environment variables `care-meet-server` and `createServer` read. */
export const ENVIRONMENT = {
  LIVEKIT_URL: 'LiveKit server URL as this backend reaches it. Default ws://127.0.0.1:7880',
  LIVEKIT_PUBLIC_URL: 'LiveKit URL for browsers, when it differs. Default LIVEKIT_URL',
  LIVEKIT_API_KEY: 'LiveKit API key. Default devkey (livekit-server --dev)',
  LIVEKIT_API_SECRET: 'LiveKit API secret. Default secret (livekit-server --dev)',
  CARE_MEET_ORGANIZER_KEY: 'Bearer key of the organizer routes, at least 32 characters. Required',
  CARE_MEET_DB: 'SQLite file, or :memory:, or a postgres:// URL (PostgreSQL: what several instances share). Default ./care-meet.db',
  CARE_MEET_IDENTITY_SECRET: 'HMAC key for stored identities, at least 32 characters. Default: generated and kept in the database',
  CARE_MEET_BASE_PATH: 'Path the routes are served under. Default /api',
  CARE_MEET_INVITE_URL: 'Invitation link prefix; the secret is appended after "#invite=". Default /join',
  CARE_MEET_DIAL_IN_NUMBER: 'Dial-in number shown with the meeting number and PIN. Default: none',
  CARE_MEET_TRUST_PROXY:
    'How many proxies that append to X-Forwarded-For stand in front (1 for one nginx); the client address is the entry that many from the right. Default 0: the header is ignored',
  CARE_MEET_LEASE_SECONDS:
    "How long an instance holds background work (deleting ended meetings' rooms) before another may take it over when it stops renewing, 2-300 seconds. After a crash, a restarted instance waits this long. Default 30",
  HOST: 'Address to listen on. Default 127.0.0.1',
  PORT: 'Port to listen on. Default 8080',
  ...DEPLOYMENT_ENVIRONMENT,
} as const;

export interface ServerConfig {
  careMeet: Omit<CareMeetOptions, 'store'> & { databaseFile: string };
  basePath: string;
  host: string;
  port: number;
  /** How many appending proxies stand in front (`NodeListenerOptions.trustProxy`); `true` is one. */
  trustProxy: boolean | number;
  /** The SMS gateway and SMTP server `createServer` sends guests' messages through (`careMeet.messages` wins when set). */
  delivery?: { sms?: SmsGatewayOptions; email?: SmtpMailerOptions };
  /** One line saying what bookings may name and what serves each, for the start-up log. */
  summary?: string;
}

/** The most proxies `CARE_MEET_TRUST_PROXY` may name: more is a mistake (a port number, say). */
const MAX_TRUSTED_PROXIES = 10;

/**
 * Reads the configuration from environment variables (see `ENVIRONMENT`). Throws a `TypeError`
 * that names the variable when one is missing or wrong.
 */
export function configFromEnv(env: Record<string, string | undefined> = process.env): ServerConfig {
  const organizerKey = env.CARE_MEET_ORGANIZER_KEY ?? '';
  if (organizerKey.length < 32) throw new TypeError('CARE_MEET_ORGANIZER_KEY must be set, at least 32 characters');
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError('PORT must be a port number');
  const trustProxy = env.CARE_MEET_TRUST_PROXY ?? '';
  if (!/^(|0|[1-9][0-9]?)$/.test(trustProxy) || Number(trustProxy) > MAX_TRUSTED_PROXIES) {
    throw new TypeError(
      `CARE_MEET_TRUST_PROXY must be how many proxies appending to X-Forwarded-For stand in front: 0 to ${MAX_TRUSTED_PROXIES} (1 for one nginx)`,
    );
  }
  const inviteBase = env.CARE_MEET_INVITE_URL ?? '/join';
  const url = env.LIVEKIT_URL ?? 'ws://127.0.0.1:7880';
  const careMeet: ServerConfig['careMeet'] = {
    databaseFile: env.CARE_MEET_DB ?? './care-meet.db',
    livekit: {
      url,
      apiKey: env.LIVEKIT_API_KEY ?? 'devkey',
      apiSecret: env.LIVEKIT_API_SECRET ?? 'secret',
      publicUrl: env.LIVEKIT_PUBLIC_URL ?? url,
    },
    organizerKey,
    inviteUrl: (token) => `${inviteBase}#invite=${token}`,
  };
  if (env.CARE_MEET_IDENTITY_SECRET) careMeet.identitySecret = env.CARE_MEET_IDENTITY_SECRET;
  if (env.CARE_MEET_DIAL_IN_NUMBER) careMeet.dialInNumber = env.CARE_MEET_DIAL_IN_NUMBER;
  if (env.CARE_MEET_LEASE_SECONDS !== undefined) {
    const seconds = Number(env.CARE_MEET_LEASE_SECONDS);
    if (!/^[0-9]+$/.test(env.CARE_MEET_LEASE_SECONDS) || seconds < 2 || seconds > 300) {
      throw new TypeError('CARE_MEET_LEASE_SECONDS must be a whole number of seconds from 2 to 300');
    }
    careMeet.roomDeletionRetry = { leaseMs: seconds * 1000 };
  }
  const deployment = deploymentSettingsFrom(env, { absolute: /^https?:\/\/[^/]/.test(inviteBase) });
  const e2ee = e2eeSettingFrom(env);
  if (e2ee) careMeet.e2ee = e2ee;
  careMeet.identityProviders = deployment.identityProviders;
  careMeet.allowedReturnOrigins = deployment.allowedReturnOrigins;
  careMeet.verifyMethods = deployment.verifyMethods;
  careMeet.messageLanguage = deployment.messageLanguage;
  if (deployment.messageTimeZone !== undefined) careMeet.messageTimeZone = deployment.messageTimeZone;
  const delivery: NonNullable<ServerConfig['delivery']> = {};
  if (deployment.sms) delivery.sms = deployment.sms;
  if (deployment.email) delivery.email = deployment.email;
  return {
    careMeet,
    basePath: env.CARE_MEET_BASE_PATH ?? '/api',
    host: env.HOST ?? '127.0.0.1',
    port,
    trustProxy: Number(trustProxy),
    ...(delivery.sms || delivery.email ? { delivery } : {}),
    summary:
      describeDeployment(deployment) +
      (e2ee ? '; meetings end-to-end encrypted by default' : '; end-to-end encryption OFF (CARE_MEET_E2EE=off): meetings are booked without it'),
  };
}

export interface RunningServer {
  careMeet: CareMeet;
  handler: FetchHandler;
  server: Server;
  /** The base URL it listens on, e.g. `http://127.0.0.1:8080`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the routes on `node:http` with the store `databaseFile` names (an embedded SQLite file, or
 * PostgreSQL for a `postgres://` URL; see `openMeetingStore`): what `care-meet-server` runs.
 *
 * @example
 * ```ts
 * const running = await createServer(configFromEnv());
 * console.log(`care-meet on ${running.url}`);
 * ```
 */
export async function createServer(config: ServerConfig, extra: { logger?: Logger; evaluationQuestions?: EvaluationQuestion[] } = {}): Promise<RunningServer> {
  const logger = extra.logger ?? jsonLogger;
  const { databaseFile, ...options } = config.careMeet;
  const transports =
    config.delivery && !options.messages
      ? new MessageTransports({
          sms: config.delivery.sms ? new HttpSmsGateway({ ...config.delivery.sms, logger }) : undefined,
          email: config.delivery.email ? new SmtpMailer({ ...config.delivery.email, logger }) : undefined,
        })
      : undefined;
  const store = await openMeetingStore(databaseFile);
  // A start that fails halfway (options refused, the port taken) closes what it opened: a pool or a
  // background timer left behind would keep the process alive with nothing serving.
  const closeOpened = async (careMeet?: CareMeet) => {
    await careMeet?.close();
    transports?.close();
    await store.close();
  };
  let careMeet: CareMeet;
  try {
    careMeet = await CareMeet.create({
      ...options,
      ...(transports ? { messages: transports } : {}),
      store,
      logger,
      ...(extra.evaluationQuestions ? { evaluationQuestions: extra.evaluationQuestions } : {}),
    });
  } catch (e) {
    await closeOpened();
    throw e;
  }
  const handler = createCareMeetHandler(careMeet, { basePath: config.basePath, logger });
  const server = createHttpServer(toNodeListener(handler, { trustProxy: config.trustProxy }));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (e) {
    await closeOpened(careMeet);
    throw e;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    careMeet,
    handler,
    server,
    url: `http://${host}:${address.port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeOpened(careMeet);
    },
  };
}
