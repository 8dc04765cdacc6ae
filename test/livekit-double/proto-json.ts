// A small, strict protobuf-JSON codec for the handful of LiveKit messages the test double speaks.
//
// Decoding follows the proto3 JSON mapping as Go's protojson applies it (the real server's Twirp
// handlers call `protojson.UnmarshalOptions{DiscardUnknown: true}.Unmarshal`): both the lowerCamel
// JSON name and the proto field name are accepted, a field given twice (even under both names) is an
// error, 32-bit integers take a JSON number or a quoted number, 64-bit integers are usually quoted,
// enums take their name or number, `null` means "unset". Unlike the real server, unknown fields are
// rejected by default so our own requests are checked (see `UnknownFieldMode`).
//
// Encoding follows protojson.Marshal: fields in declaration order, int64 as strings, enums by name,
// map keys sorted. Twirp answers with `UseProtoNames: true, EmitUnpopulated: true` (twirp v8.1.3's
// generated server with default options); webhooks use plain `protojson.Marshal` (lowerCamel names,
// unpopulated fields omitted). Go's protojson adds a space after every comma in some builds
// (internal/detrand) to stop byte-for-byte comparisons; `commaSpace` reproduces that so a receiver
// that re-serialises a webhook before checking its SHA-256 fails here as it would in production.
//
// Field lists were dumped from @livekit/protocol 1.51.0 (the version livekit-server-sdk 2.19.2 uses).

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

type Scalar = 'string' | 'bool' | 'int32' | 'uint32' | 'int64';

export interface EnumDef {
  readonly typeName: string;
  readonly values: ReadonlyArray<readonly [number, string]>;
}

interface FieldBase {
  readonly no: number;
  /** proto field name, e.g. `empty_timeout` */
  readonly name: string;
  /** lowerCamel JSON name, e.g. `emptyTimeout` */
  readonly json: string;
  readonly oneof?: string;
}

export type FieldDef = FieldBase &
  (
    | { readonly kind: 'scalar'; readonly T: Scalar; readonly repeated?: boolean }
    | { readonly kind: 'enum'; readonly T: EnumDef; readonly repeated?: boolean }
    | { readonly kind: 'message'; readonly T: () => MessageDef; readonly repeated?: boolean }
    | { readonly kind: 'map'; readonly V: Scalar }
    /** A message the double does not model field by field: any JSON object (or null) passes. */
    | { readonly kind: 'opaque'; readonly typeName: string; readonly repeated?: boolean }
  );

export interface MessageDef {
  readonly typeName: string;
  readonly fields: readonly FieldDef[];
}

/** A decoded message, or a message to encode: values keyed by proto field name. */
export type ProtoMessage = { [protoName: string]: unknown };

// ---------------------------------------------------------------------------------------------
// A JSON parser that keeps what JSON.parse throws away: duplicate keys, exact number text, positions.

type JNode =
  | { readonly t: 'null'; readonly pos: number }
  | { readonly t: 'bool'; readonly v: boolean; readonly pos: number }
  | { readonly t: 'num'; readonly raw: string; readonly pos: number }
  | { readonly t: 'str'; readonly v: string; readonly pos: number }
  | { readonly t: 'arr'; readonly v: JNode[]; readonly pos: number }
  | { readonly t: 'obj'; readonly v: Array<{ key: string; keyPos: number; value: JNode }>; readonly pos: number };

export class JsonSyntaxError extends Error {}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parseFirstValue(): JNode {
    this.ws();
    if (this.i >= this.s.length) throw new JsonSyntaxError('EOF');
    // Like Go's json.Decoder.Decode (what twirp calls first), only the first value is read;
    // anything after it is not looked at.
    return this.value();
  }

  private ws(): void {
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.i++;
      else break;
    }
  }

  private fail(what: string): never {
    throw new JsonSyntaxError(`invalid character at offset ${this.i}: ${what}`);
  }

  private value(): JNode {
    this.ws();
    const pos = this.i;
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return { t: 'str', v: this.string(), pos };
    if (this.s.startsWith('true', this.i)) {
      this.i += 4;
      return { t: 'bool', v: true, pos };
    }
    if (this.s.startsWith('false', this.i)) {
      this.i += 5;
      return { t: 'bool', v: false, pos };
    }
    if (this.s.startsWith('null', this.i)) {
      this.i += 4;
      return { t: 'null', pos };
    }
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (m && m[0].length > 0) {
      this.i += m[0].length;
      return { t: 'num', raw: m[0], pos };
    }
    if (this.i >= this.s.length) throw new JsonSyntaxError('unexpected EOF');
    return this.fail(`looking for beginning of value, got ${JSON.stringify(c)}`);
  }

  private object(): JNode {
    const pos = this.i;
    this.i++; // {
    const entries: Array<{ key: string; keyPos: number; value: JNode }> = [];
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return { t: 'obj', v: entries, pos };
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('looking for beginning of object key string');
      const keyPos = this.i;
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail("after object key, expected ':'");
      this.i++;
      const value = this.value();
      entries.push({ key, keyPos, value });
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return { t: 'obj', v: entries, pos };
      }
      if (this.i >= this.s.length) throw new JsonSyntaxError('unexpected EOF');
      this.fail("after object key:value pair, expected ',' or '}'");
    }
  }

  private array(): JNode {
    const pos = this.i;
    this.i++; // [
    const items: JNode[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return { t: 'arr', v: items, pos };
    }
    for (;;) {
      items.push(this.value());
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ']') {
        this.i++;
        return { t: 'arr', v: items, pos };
      }
      if (this.i >= this.s.length) throw new JsonSyntaxError('unexpected EOF');
      this.fail("after array element, expected ',' or ']'");
    }
  }

  private string(): string {
    this.i++; // opening quote
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) throw new JsonSyntaxError('unexpected EOF in string');
      const c = this.s[this.i] as string;
      const code = c.charCodeAt(0);
      if (c === '"') {
        this.i++;
        return out;
      }
      if (code < 0x20) this.fail('control character in string literal');
      if (c !== '\\') {
        out += c;
        this.i++;
        continue;
      }
      const e = this.s[this.i + 1];
      this.i += 2;
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const hex = this.s.slice(this.i, this.i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('in \\u hexadecimal character escape');
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 4;
          break;
        }
        default:
          this.fail('in string escape code');
      }
    }
  }
}

/** Parses the first JSON value of `text` (throws JsonSyntaxError). */
function parseJsonNode(text: string): JNode {
  return new Parser(text).parseFirstValue();
}

/** Parses like Go's json.Decoder: the first value only, duplicate keys kept last-wins. */
export function parseJsonLoose(text: string): JsonValue {
  return toPlain(parseJsonNode(text));
}

function toPlain(n: JNode): JsonValue {
  switch (n.t) {
    case 'null':
      return null;
    case 'bool':
      return n.v;
    case 'num':
      return Number(n.raw);
    case 'str':
      return n.v;
    case 'arr':
      return n.v.map(toPlain);
    case 'obj': {
      const o: JsonObject = {};
      for (const { key, value } of n.v) {
        Object.defineProperty(o, key, { value: toPlain(value), enumerable: true, writable: true, configurable: true });
      }
      return o;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Decoding

export class ProtoJsonError extends Error {}

export type UnknownFieldMode = 'reject' | 'discard';

interface DecodeContext {
  readonly text: string;
  readonly unknown: UnknownFieldMode;
}

function where(ctx: DecodeContext, pos: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < pos && i < ctx.text.length; i++) {
    if (ctx.text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return `proto: (line ${line}:${col})`;
}

function describe(n: JNode): string {
  switch (n.t) {
    case 'null':
      return 'null';
    case 'bool':
      return String(n.v);
    case 'num':
      return n.raw;
    case 'str':
      return JSON.stringify(n.v);
    case 'arr':
      return '[';
    case 'obj':
      return '{';
  }
}

/**
 * Decodes `text` as message `def`. Every field of the result is populated with its proto3 default
 * (scalars '', 0, false; int64 0n; enums 0; repeated []; maps {}); unset messages are undefined;
 * of a oneof only the member given is present.
 */
export function decodeMessage(def: MessageDef, text: string, unknown: UnknownFieldMode): ProtoMessage {
  let root: JNode;
  try {
    root = parseJsonNode(text);
  } catch (e) {
    throw new ProtoJsonError(e instanceof Error ? e.message : String(e));
  }
  return decodeNode(def, root, { text, unknown });
}

/** Decodes an already-parsed plain JSON value (used for token claims and test inputs). */
export function decodePlain(def: MessageDef, value: JsonValue, unknown: UnknownFieldMode): ProtoMessage {
  const text = JSON.stringify(value);
  return decodeNode(def, parseJsonNode(text), { text, unknown });
}

function decodeNode(def: MessageDef, node: JNode, ctx: DecodeContext): ProtoMessage {
  if (node.t !== 'obj') {
    throw new ProtoJsonError(`${where(ctx, node.pos)}: unexpected token ${describe(node)}`);
  }
  const out: ProtoMessage = {};
  for (const f of def.fields) {
    if (f.oneof) continue;
    if (f.kind === 'map') out[f.name] = {};
    else if (f.repeated) out[f.name] = [];
    else if (f.kind === 'scalar') out[f.name] = scalarDefault(f.T);
    else if (f.kind === 'enum') out[f.name] = 0;
  }
  const seen = new Set<string>();
  const oneofs = new Map<string, string>();
  for (const { key, keyPos, value } of node.v) {
    const f = def.fields.find((x) => x.json === key || x.name === key);
    if (!f) {
      if (ctx.unknown === 'discard') continue;
      throw new ProtoJsonError(`${where(ctx, keyPos)}: unknown field ${JSON.stringify(key)}`);
    }
    if (seen.has(f.name)) {
      throw new ProtoJsonError(`${where(ctx, keyPos)}: duplicate field ${JSON.stringify(key)}`);
    }
    seen.add(f.name);
    if (value.t === 'null') continue; // null means unset (proto3 JSON), never an error outside google.protobuf.Value
    if (f.oneof) {
      const other = oneofs.get(f.oneof);
      if (other !== undefined) {
        throw new ProtoJsonError(`${where(ctx, keyPos)}: error parsing ${JSON.stringify(key)}, oneof ${def.typeName}.${f.oneof} is already set`);
      }
      oneofs.set(f.oneof, f.name);
    }
    out[f.name] = decodeField(f, value, ctx);
  }
  return out;
}

function decodeField(f: FieldDef, node: JNode, ctx: DecodeContext): unknown {
  if (f.kind === 'map') {
    if (node.t !== 'obj') throw badValue(ctx, node, 'map', f);
    const m: Record<string, unknown> = {};
    const seen = new Set<string>();
    for (const { key, keyPos, value } of node.v) {
      if (seen.has(key)) throw new ProtoJsonError(`${where(ctx, keyPos)}: duplicate map key ${JSON.stringify(key)}`);
      seen.add(key);
      Object.defineProperty(m, key, { value: decodeScalar(f.V, value, ctx, f), enumerable: true, writable: true, configurable: true });
    }
    return m;
  }
  if (f.repeated) {
    if (node.t !== 'arr') throw badValue(ctx, node, 'repeated', f);
    return node.v.map((item) => {
      if (item.t === 'null') throw badValue(ctx, item, 'list element', f);
      return decodeSingle(f, item, ctx);
    });
  }
  return decodeSingle(f, node, ctx);
}

function decodeSingle(f: FieldDef, node: JNode, ctx: DecodeContext): unknown {
  switch (f.kind) {
    case 'scalar':
      return decodeScalar(f.T, node, ctx, f);
    case 'enum':
      return decodeEnum(f.T, node, ctx, f);
    case 'message':
      return decodeNode(f.T(), node, ctx);
    case 'opaque':
      if (node.t !== 'obj') throw badValue(ctx, node, f.typeName, f);
      return toPlain(node);
    case 'map':
      throw new ProtoJsonError('unreachable');
  }
}

function badValue(ctx: DecodeContext, node: JNode, type: string, f: FieldBase): ProtoJsonError {
  return new ProtoJsonError(`${where(ctx, node.pos)}: invalid value for ${type} field ${f.json}: ${describe(node)}`);
}

function scalarDefault(t: Scalar): unknown {
  switch (t) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int64':
      return 0n;
    default:
      return 0;
  }
}

const INT_RANGE: Record<'int32' | 'uint32' | 'int64', readonly [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
};

/** protojson's normalizeToIntString: an exact integer from a JSON number literal, or undefined. */
function integerFromNumberText(raw: string): bigint | undefined {
  const m = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/.exec(raw);
  if (!m) return undefined;
  const neg = m[1] === '-';
  let digits = (m[2] ?? '') + (m[3] ?? '');
  let exp = Number(m[4] ?? '0') - (m[3] ?? '').length;
  if (!Number.isFinite(exp) || exp > 40) return undefined;
  while (exp < 0) {
    if (!digits.endsWith('0')) return undefined; // a fraction remains
    digits = digits.slice(0, -1) || '0';
    exp++;
  }
  const v = BigInt(digits || '0') * 10n ** BigInt(exp);
  return neg ? -v : v;
}

function decodeScalar(t: Scalar, node: JNode, ctx: DecodeContext, f: FieldBase): unknown {
  switch (t) {
    case 'string':
      if (node.t !== 'str') throw badValue(ctx, node, 'string', f);
      return node.v;
    case 'bool':
      if (node.t !== 'bool') throw badValue(ctx, node, 'bool', f);
      return node.v;
    case 'int32':
    case 'uint32':
    case 'int64': {
      let text: string | undefined;
      if (node.t === 'num') text = node.raw;
      else if (node.t === 'str') text = node.v;
      const v = text === undefined ? undefined : integerFromNumberText(text);
      const [lo, hi] = INT_RANGE[t];
      if (v === undefined || v < lo || v > hi) throw badValue(ctx, node, t, f);
      return t === 'int64' ? v : Number(v);
    }
  }
}

function decodeEnum(def: EnumDef, node: JNode, ctx: DecodeContext, f: FieldBase): number {
  if (node.t === 'str') {
    const hit = def.values.find(([, name]) => name === node.v);
    if (!hit) throw badValue(ctx, node, `enum ${def.typeName}`, f);
    return hit[0];
  }
  if (node.t === 'num') {
    const v = integerFromNumberText(node.raw);
    if (v === undefined || v < INT_RANGE.int32[0] || v > INT_RANGE.int32[1]) throw badValue(ctx, node, `enum ${def.typeName}`, f);
    return Number(v);
  }
  throw badValue(ctx, node, `enum ${def.typeName}`, f);
}

// ---------------------------------------------------------------------------------------------
// Encoding

export interface EncodeOptions {
  /** proto field names (`empty_timeout`) instead of lowerCamel (`emptyTimeout`) */
  readonly protoNames: boolean;
  /** emit unpopulated fields (defaults, [] , {}, null for messages); oneof members never */
  readonly emitDefaults: boolean;
  /** a space after every comma, as some builds of Go's protojson write */
  readonly commaSpace: boolean;
}

export function encodeMessage(def: MessageDef, msg: ProtoMessage, opts: EncodeOptions): string {
  return encodeObj(def, msg, opts);
}

function encodeObj(def: MessageDef, msg: ProtoMessage, opts: EncodeOptions): string {
  const parts: string[] = [];
  for (const f of def.fields) {
    const v = msg[f.name];
    const key = JSON.stringify(opts.protoNames ? f.name : f.json);
    const populated = isPopulated(f, v);
    if (!populated) {
      if (!opts.emitDefaults || f.oneof) continue;
      parts.push(`${key}:${encodeDefault(f)}`);
      continue;
    }
    parts.push(`${key}:${encodeFieldValue(f, v, opts)}`);
  }
  return `{${parts.join(opts.commaSpace ? ', ' : ',')}}`;
}

function isPopulated(f: FieldDef, v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (f.kind === 'map') return typeof v === 'object' && Object.keys(v).length > 0;
  if ('repeated' in f && f.repeated) return Array.isArray(v) && v.length > 0;
  if (f.kind === 'message' || f.kind === 'opaque') return true;
  if (f.oneof) return true;
  if (f.kind === 'enum') return v !== 0;
  switch (f.T) {
    case 'string':
      return v !== '';
    case 'bool':
      return v !== false;
    case 'int64':
      return v !== 0n && v !== 0;
    default:
      return v !== 0;
  }
}

function encodeDefault(f: FieldDef): string {
  if (f.kind === 'map') return '{}';
  if ('repeated' in f && f.repeated) return '[]';
  if (f.kind === 'message' || f.kind === 'opaque') return 'null';
  if (f.kind === 'enum') return JSON.stringify(f.T.values.find(([n]) => n === 0)?.[1] ?? 0);
  switch (f.T) {
    case 'string':
      return '""';
    case 'bool':
      return 'false';
    case 'int64':
      return '"0"';
    default:
      return '0';
  }
}

function encodeFieldValue(f: FieldDef, v: unknown, opts: EncodeOptions): string {
  const sep = opts.commaSpace ? ', ' : ',';
  if (f.kind === 'map') {
    const rec = v as Record<string, unknown>;
    const keys = Object.keys(rec).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${encodeScalar(f.V, rec[k], f)}`).join(sep)}}`;
  }
  if ('repeated' in f && f.repeated) {
    if (!Array.isArray(v)) throw new TypeError(`${f.name}: expected an array`);
    return `[${v.map((item: unknown) => encodeSingle(f, item, opts)).join(sep)}]`;
  }
  return encodeSingle(f, v, opts);
}

function encodeSingle(f: FieldDef, v: unknown, opts: EncodeOptions): string {
  switch (f.kind) {
    case 'scalar':
      return encodeScalar(f.T, v, f);
    case 'enum': {
      if (typeof v !== 'number') throw new TypeError(`${f.name}: expected an enum number`);
      const name = f.T.values.find(([n]) => n === v)?.[1];
      return name === undefined ? String(v) : JSON.stringify(name);
    }
    case 'message':
      if (typeof v !== 'object' || v === null) throw new TypeError(`${f.name}: expected a message`);
      return encodeObj(f.T(), v as ProtoMessage, opts);
    case 'opaque':
      return stringifyWithSpacing(v as JsonValue, opts.commaSpace);
    case 'map':
      throw new TypeError('unreachable');
  }
}

function encodeScalar(t: Scalar, v: unknown, f: FieldBase): string {
  switch (t) {
    case 'string':
      if (typeof v !== 'string') throw new TypeError(`${f.name}: expected a string`);
      return JSON.stringify(v);
    case 'bool':
      if (typeof v !== 'boolean') throw new TypeError(`${f.name}: expected a boolean`);
      return v ? 'true' : 'false';
    case 'int64':
      if (typeof v !== 'bigint' && typeof v !== 'number') throw new TypeError(`${f.name}: expected an integer`);
      return JSON.stringify(BigInt(v).toString());
    default:
      if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError(`${f.name}: expected an integer`);
      return String(v);
  }
}

function stringifyWithSpacing(v: JsonValue, commaSpace: boolean): string {
  const sep = commaSpace ? ', ' : ',';
  if (Array.isArray(v)) return `[${v.map((x) => stringifyWithSpacing(x, commaSpace)).join(sep)}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${stringifyWithSpacing(x, commaSpace)}`)
      .join(sep)}}`;
  }
  return JSON.stringify(v);
}

// ---------------------------------------------------------------------------------------------
// Accessors for decoded messages (runtime-checked, so the double never trusts a shape it did not make)

export function str(m: ProtoMessage, name: string): string {
  const v = m[name];
  if (typeof v !== 'string') throw new TypeError(`${name} is not a string`);
  return v;
}
export function num(m: ProtoMessage, name: string): number {
  const v = m[name];
  if (typeof v !== 'number') throw new TypeError(`${name} is not a number`);
  return v;
}
export function bool(m: ProtoMessage, name: string): boolean {
  const v = m[name];
  if (typeof v !== 'boolean') throw new TypeError(`${name} is not a boolean`);
  return v;
}
export function int64(m: ProtoMessage, name: string): bigint {
  const v = m[name];
  if (typeof v !== 'bigint') throw new TypeError(`${name} is not an int64`);
  return v;
}
export function strList(m: ProtoMessage, name: string): string[] {
  const v = m[name];
  if (!Array.isArray(v) || !v.every((x): x is string => typeof x === 'string')) throw new TypeError(`${name} is not a string list`);
  return v;
}
export function numList(m: ProtoMessage, name: string): number[] {
  const v = m[name];
  if (!Array.isArray(v) || !v.every((x): x is number => typeof x === 'number')) throw new TypeError(`${name} is not a number list`);
  return v;
}
export function strMap(m: ProtoMessage, name: string): Record<string, string> {
  const v = m[name];
  if (typeof v !== 'object' || v === null) throw new TypeError(`${name} is not a map`);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string') throw new TypeError(`${name}.${k} is not a string`);
    Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
export function sub(m: ProtoMessage, name: string): ProtoMessage | undefined {
  const v = m[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TypeError(`${name} is not a message`);
  return v as ProtoMessage;
}

export function enumName(def: EnumDef, n: number): string {
  return def.values.find(([no]) => no === n)?.[1] ?? String(n);
}
export function enumNumber(def: EnumDef, name: string): number {
  const hit = def.values.find(([, n]) => n === name);
  if (!hit) throw new RangeError(`${name} is not a ${def.typeName}`);
  return hit[0];
}
