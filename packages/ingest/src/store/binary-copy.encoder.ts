/**
 * Rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Binary
 * Format"), the cheapest way into a table on both drivers: `COPY ... FROM STDIN` on PostgreSQL and
 * `COPY ... FROM '/dev/blob'` on PGlite read the same bytes.
 *
 * Binary rather than text because nothing has to be escaped: the raw JSON of a resource — most of the bytes of
 * an ingest — is copied as is (a jsonb field is a version byte followed by the JSON text), and numbers and
 * timestamps are not formatted and re-parsed. Each field is a 4-byte length (-1 for NULL) and its bytes; a
 * row starts with its 2-byte field count.
 */

/** PostgreSQL's epoch (2000-01-01T00:00:00Z) in Unix milliseconds. */
const POSTGRES_EPOCH_MS = 946_684_800_000;
const TWO_32 = 4_294_967_296;
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
/** Element type OIDs of the array columns Vigil writes (pg_type). */
export const PG_OID = { int4: 23, text: 25 } as const;

const CHUNK_BYTES = 1 << 20;

function arrayHeaderBytes(length: number): number {
  return length === 0 ? 12 : 20;
}

/**
 * Accumulates rows into chunks of about 1 MiB, so a batch costs a few large allocations however many
 * fields it has. Call the field methods in column order after each {@link row}; {@link finish} returns the
 * chunks, trailer included, ready to stream.
 */
export class BinaryCopyEncoder {
  private readonly chunks: Buffer[] = [];
  private buffer: Buffer;
  private offset: number;
  private rowCount = 0;

  constructor() {
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    SIGNATURE.copy(this.buffer, 0);
    // Flags field (no OIDs) and header extension length, both zero.
    this.buffer.fill(0, SIGNATURE.length, SIGNATURE.length + 8);
    this.offset = SIGNATURE.length + 8;
  }

  get rows(): number {
    return this.rowCount;
  }

  /** Starts a row of `fields` fields. */
  row(fields: number): this {
    this.ensure(2);
    this.buffer.writeInt16BE(fields, this.offset);
    this.offset += 2;
    this.rowCount++;
    return this;
  }

  null(): this {
    this.ensure(4);
    this.buffer.writeInt32BE(-1, this.offset);
    this.offset += 4;
    return this;
  }

  int4(value: number | null): this {
    if (value === null) return this.null();
    this.ensure(8);
    this.buffer.writeInt32BE(4, this.offset);
    this.buffer.writeInt32BE(value, this.offset + 4);
    this.offset += 8;
    return this;
  }

  float8(value: number | null): this {
    if (value === null) return this.null();
    this.ensure(12);
    this.buffer.writeInt32BE(8, this.offset);
    this.buffer.writeDoubleBE(value, this.offset + 4);
    this.offset += 12;
    return this;
  }

  bool(value: boolean | null): this {
    if (value === null) return this.null();
    this.ensure(5);
    this.buffer.writeInt32BE(1, this.offset);
    this.buffer[this.offset + 4] = value ? 1 : 0;
    this.offset += 5;
    return this;
  }

  text(value: string | null): this {
    if (value === null) return this.null();
    this.utf8(value, false);
    return this;
  }

  /**
   * A jsonb field from JSON text, or from its UTF-8 bytes (copied as they are, so they must be valid UTF-8):
   * PostgreSQL parses it once, exactly as it would the text format.
   */
  jsonb(json: string | Buffer | null): this {
    if (json === null) return this.null();
    if (typeof json === "string") {
      this.utf8(json, true);
      return this;
    }
    this.ensure(5 + json.length);
    this.buffer.writeInt32BE(json.length + 1, this.offset);
    this.buffer[this.offset + 4] = 1;
    json.copy(this.buffer, this.offset + 5);
    this.offset += 5 + json.length;
    return this;
  }

  /** A timestamptz from epoch milliseconds, a `Date` or an ISO 8601 instant. */
  timestamptz(value: number | string | Date | null): this {
    if (value === null) return this.null();
    const ms =
      typeof value === "number" ? value : typeof value === "string" ? Date.parse(value) : value.getTime();
    if (!Number.isFinite(ms)) throw new RangeError(`binary COPY: invalid timestamp ${String(value)}`);
    // Microseconds since 2000-01-01 as a big-endian int64, without a BigInt per value: below 2^53 µs
    // (year 287,000) the double is exact, and floor() splits negatives correctly.
    const micros = (ms - POSTGRES_EPOCH_MS) * 1000;
    const high = Math.floor(micros / TWO_32);
    this.ensure(12);
    this.buffer.writeInt32BE(8, this.offset);
    this.buffer.writeInt32BE(high, this.offset + 4);
    this.buffer.writeUInt32BE(micros - high * TWO_32, this.offset + 8);
    this.offset += 12;
    return this;
  }

  /** A one-dimensional int4[] (an empty array has no dimension, as PostgreSQL sends it). */
  int4Array(values: readonly number[] | null): this {
    if (values === null) return this.null();
    const bytes = arrayHeaderBytes(values.length) + values.length * 8;
    // An array is written whole into one chunk, so its length prefix and elements stay together.
    this.ensure(4 + bytes);
    this.buffer.writeInt32BE(bytes, this.offset);
    this.offset += 4;
    this.arrayHeader(values.length, PG_OID.int4);
    for (const value of values) {
      this.buffer.writeInt32BE(4, this.offset);
      this.buffer.writeInt32BE(value, this.offset + 4);
      this.offset += 8;
    }
    return this;
  }

  /** A one-dimensional text[]. */
  textArray(values: readonly string[] | null): this {
    if (values === null) return this.null();
    let bytes = arrayHeaderBytes(values.length);
    for (const value of values) bytes += 4 + Buffer.byteLength(value, "utf8");
    this.ensure(4 + bytes);
    this.buffer.writeInt32BE(bytes, this.offset);
    this.offset += 4;
    this.arrayHeader(values.length, PG_OID.text);
    for (const value of values) {
      const written = this.buffer.write(value, this.offset + 4, "utf8");
      this.buffer.writeInt32BE(written, this.offset);
      this.offset += 4 + written;
    }
    return this;
  }

  /**
   * The chunks filled so far (not the one being filled), handed over once: lets a caller stream rows to
   * PostgreSQL while it encodes the next ones (see {@link encodeRows}).
   */
  drain(): Buffer[] {
    return this.chunks.splice(0, this.chunks.length);
  }

  /** The chunks of every row so far followed by the trailer; the encoder is spent afterwards. */
  finish(): Buffer[] {
    this.ensure(2);
    this.buffer.writeInt16BE(-1, this.offset);
    this.offset += 2;
    this.chunks.push(this.buffer.subarray(0, this.offset));
    return this.chunks;
  }

  /** Dimensions, has-null flag (elements here are never NULL), element type, then length and lower bound. */
  private arrayHeader(length: number, oid: number): void {
    const b = this.buffer;
    let o = this.offset;
    b.writeInt32BE(length === 0 ? 0 : 1, o);
    b.writeInt32BE(0, o + 4);
    b.writeInt32BE(oid, o + 8);
    o += 12;
    if (length > 0) {
      b.writeInt32BE(length, o);
      b.writeInt32BE(1, o + 4);
      o += 8;
    }
    this.offset = o;
  }

  private utf8(value: string, jsonb: boolean): void {
    // At most 3 bytes per UTF-16 code unit; writing straight into the chunk avoids a byteLength pass.
    const prefix = jsonb ? 5 : 4;
    this.ensure(prefix + value.length * 3);
    const written = this.buffer.write(value, this.offset + prefix, "utf8");
    this.buffer.writeInt32BE(written + (jsonb ? 1 : 0), this.offset);
    if (jsonb) this.buffer[this.offset + 4] = 1;
    this.offset += prefix + written;
  }

  private ensure(bytes: number): void {
    if (this.offset + bytes <= this.buffer.length) return;
    this.chunks.push(this.buffer.subarray(0, this.offset));
    this.buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes));
    this.offset = 0;
  }
}

/**
 * Rows encoded lazily, a chunk at a time, as the COPY stream asks for them: Node encodes the next chunk while
 * PostgreSQL parses the previous one, instead of PostgreSQL waiting for a whole batch to be encoded.
 */
export function* encodeRows<T>(
  rows: Iterable<T>,
  encode: (copy: BinaryCopyEncoder, row: T) => void,
): Generator<Buffer, void, undefined> {
  const copy = new BinaryCopyEncoder();
  for (const row of rows) {
    encode(copy, row);
    const ready = copy.drain();
    if (ready.length > 0) yield* ready;
  }
  yield* copy.finish();
}
