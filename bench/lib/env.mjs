// Reading a benchmark's settings from the environment.

/**
 * The integer in environment variable `name`, or `fallback` when it is unset or empty. Anything
 * else than an integer from `min` to `max` is refused: the benchmark says so and exits 2.
 */
export function intEnv(name, fallback, min, max) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
}
