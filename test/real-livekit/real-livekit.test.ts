// The same scenarios against a real LiveKit server: how a deployment is checked.
//   LIVEKIT_URL=ws://127.0.0.1:7880 LIVEKIT_API_KEY=devkey LIVEKIT_API_SECRET=secret \
//     pnpm --filter @care-meet/test run test:livekit
// With LIVEKIT_ROOM_AUTO_CREATE=false (a server configured as docs/livekit-deployment.md says),
// it also checks that an old token cannot bring an ended meeting's room back.
import { after, before, describe, test } from 'node:test';
import { realTarget, realWebhookPort, startStack, type Stack } from '../scenarios/support.js';
import { sharedScenarios } from '../scenarios/scenarios.js';

describe(`care-meet over HTTP, real LiveKit at ${process.env.LIVEKIT_URL}`, () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack(async () => realTarget(), { port: realWebhookPort() });
  });
  after(async () => {
    await stack.close();
  });
  for (const [name, run] of Object.entries(sharedScenarios)) {
    test(name, () => run(stack));
  }
});
