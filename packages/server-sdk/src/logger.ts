/** Where the server SDK reports what operators need to know. Fields never carry tokens, secrets or personal ids. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * A logger that writes one JSON line per entry to stderr. Lines written in the same turn of the
 * event loop go out in one write (stderr to a file or pipe is synchronous in Node, and one system
 * call per request line was a measurable part of a join); whatever is pending is written before
 * the process exits.
 */
export const jsonLogger: Logger = {
  info: (message, fields) => write('info', message, fields),
  warn: (message, fields) => write('warn', message, fields),
  error: (message, fields) => write('error', message, fields),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

let pending: string[] = [];
let scheduled = false;

function flush(): void {
  scheduled = false;
  if (pending.length === 0) return;
  const text = pending.join('');
  pending = [];
  process.stderr.write(text);
}

function write(level: string, message: string, fields?: Record<string, unknown>): void {
  pending.push(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n');
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}

process.on('exit', flush);
