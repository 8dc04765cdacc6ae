/**
 * Server commands for browser tests: the protocol `@web/test-runner-commands` speaks, without
 * depending on that package (it is only a dependency of the runner). `send-keys` and
 * `emulate-media` are the runner's built-in commands; `care-screenshot` and `care-block-requests`
 * are ours, in web-test-runner.config.mjs.
 */
interface CommandResponse<Result> {
  executed: boolean;
  result: Result;
}

async function executeServerCommand<Result>(command: string, payload: unknown): Promise<Result> {
  const sessionId = new URL(location.href).searchParams.get('wtr-session-id');
  // A variable, so neither TypeScript nor esbuild tries to resolve the runner's own module.
  const socketModule = '/__web-dev-server__web-socket.js';
  const { sendMessageWaitForResponse } = (await import(socketModule)) as {
    sendMessageWaitForResponse(message: unknown): Promise<CommandResponse<Result>>;
  };
  const response = await sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command, payload });
  if (!response.executed) throw new Error(`No test-runner plugin handled "${command}"`);
  return response.result;
}

/**
 * Presses a key like a person would: real input events, with user activation. A chord such as
 * `Shift+Tab` works in every engine: Playwright (Chromium) presses it as it is; puppeteer (Firefox,
 * over WebDriver BiDi) presses one key at a time, and knows the space bar only as " ".
 */
export async function pressKey(key: string): Promise<void> {
  if (!/\bFirefox\//.test(navigator.userAgent)) return executeServerCommand('send-keys', { press: key });
  const keys = key.length > 1 ? key.split('+').map((k) => (k === 'Space' ? ' ' : k)) : [key];
  const last = keys.pop()!;
  for (const modifier of keys) await executeServerCommand('send-keys', { down: modifier });
  await executeServerCommand('send-keys', { press: last });
  for (const modifier of keys.reverse()) await executeServerCommand('send-keys', { up: modifier });
}

export const emulateMedia = (media: { reducedMotion?: 'reduce' | 'no-preference' }): Promise<void> => executeServerCommand('emulate-media', media);

export const setViewport = (viewport: { width: number; height: number }): Promise<void> => executeServerCommand('set-viewport', viewport);

/** Makes the page's requests to URLs matching `pattern` (a Playwright glob) fail like a dropped connection, or lets them through again. */
export const blockRequests = (pattern: string, block: boolean): Promise<boolean> => executeServerCommand('care-block-requests', { pattern, block });

/**
 * Saves `test-results/screenshots/<name>.png` of the element `selector` finds (what changes on its
 * own painted over) and returns its path. When the picture has a committed reference
 * (test-references/screenshots/, docs/browsers.md), throws if it does not match it.
 */
export async function saveScreenshot(name: string, selector: string): Promise<string> {
  const { path, failure, note } = await executeServerCommand<{ path: string; failure?: string; note?: string }>('care-screenshot', { name, selector });
  if (note) console.info(note);
  if (failure) throw new Error(failure);
  return path;
}
