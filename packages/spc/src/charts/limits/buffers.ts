/*
 * Allocation helpers. A typed array larger than 64 bytes gets its own off-heap backing store, which costs
 * about a microsecond to create and to collect; a chart of 36 points used to allocate two dozen of them.
 * Views on one block, and one reusable scratch buffer, keep a chart to a handful of allocations.
 */

/** Where a chart's typed columns come from. */
export interface ColumnAllocator {
  float64(length: number): Float64Array;
  int8(length: number): Int8Array;
  uint8(length: number): Uint8Array;
  uint16(length: number): Uint16Array;
  int32(length: number): Int32Array;
}

/** Fresh zeroed arrays for every request. */
export const freshColumns: ColumnAllocator = {
  float64: (length) => new Float64Array(length),
  int8: (length) => new Int8Array(length),
  uint8: (length) => new Uint8Array(length),
  uint16: (length) => new Uint16Array(length),
  int32: (length) => new Int32Array(length),
};

/**
 * Zeroed views carved from one buffer of `bytes`, so all the columns of one chart share a single backing
 * store and die together; requests beyond it get fresh arrays.
 */
export function blockAllocator(bytes: number): ColumnAllocator {
  return new Carver(new ArrayBuffer(bytes), 0, bytes, false);
}

/** Columns at most this large (all of a chart's together) share slabs. */
const SLAB_SHARE_LIMIT = 1 << 14;
const SLAB_BYTES = 1 << 16;
let slab = new ArrayBuffer(0);
let slabUsed = 0;

/**
 * Zeroed views for `bytes` of columns that outlive the call (a chart's result). Up to 16 KB (about 250
 * points) they are carved from a shared 64 KB slab, handed out once and never reused, as Node pools small
 * Buffers: 10,000 small charts make about 300 off-heap allocations instead of 10,000, each of which costs
 * a microsecond and work for the collector (about 15% of a 36-point chart). The price: a slab is freed only
 * when every chart carved from it is, so keeping one small chart of many can keep up to 64 KB alive; and a
 * column's `buffer` is shared, so a caller that transfers one (postMessage) must `slice()` it first. A slab
 * transferred anyway is detached (length 0), so it is not carved from again. Larger requests get a buffer
 * of their own.
 */
export function keptColumns(bytes: number): ColumnAllocator {
  if (bytes > SLAB_SHARE_LIMIT) return blockAllocator(bytes);
  const size = (bytes + 7) & ~7;
  if (slabUsed + size > slab.byteLength) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const start = slabUsed;
  slabUsed += size;
  return new Carver(slab, start, start + size, false);
}

/**
 * Views on `buffer` from `start` up to `end`; requests beyond `end` get fresh arrays. A class rather than
 * closures: one is made per chart, and a class instance is the cheapest object to make.
 */
class Carver implements ColumnAllocator {
  private offset: number;
  constructor(
    private readonly buffer: ArrayBuffer,
    start: number,
    private readonly end: number,
    /** Zero each view: the buffer is an arena that held an earlier chart's columns. */
    private readonly zero: boolean,
  ) {
    this.offset = start;
  }

  float64(length: number): Float64Array {
    const at = this.take(8 * length);
    if (at < 0) return new Float64Array(length);
    const view = new Float64Array(this.buffer, at, length);
    return this.zero ? view.fill(0) : view;
  }

  int8(length: number): Int8Array {
    const at = this.take(length);
    if (at < 0) return new Int8Array(length);
    const view = new Int8Array(this.buffer, at, length);
    return this.zero ? view.fill(0) : view;
  }

  uint8(length: number): Uint8Array {
    const at = this.take(length);
    if (at < 0) return new Uint8Array(length);
    const view = new Uint8Array(this.buffer, at, length);
    return this.zero ? view.fill(0) : view;
  }

  uint16(length: number): Uint16Array {
    const at = this.take(2 * length);
    if (at < 0) return new Uint16Array(length);
    const view = new Uint16Array(this.buffer, at, length);
    return this.zero ? view.fill(0) : view;
  }

  int32(length: number): Int32Array {
    const at = this.take(4 * length);
    if (at < 0) return new Int32Array(length);
    const view = new Int32Array(this.buffer, at, length);
    return this.zero ? view.fill(0) : view;
  }

  /** Start of `size` bytes (8-byte aligned), or −1 when they do not fit. */
  private take(size: number): number {
    const at = this.offset;
    this.offset += (size + 7) & ~7;
    return this.offset <= this.end ? at : -1;
  }
}

/** A column allocator for one chart, and how to give its memory back. */
export interface ChartScratch {
  readonly allocate: ColumnAllocator;
  release(): void;
}

const ARENA_LIMIT = 1 << 22;
let arena: ArrayBuffer | null = new ArrayBuffer(1 << 16);
/** The last large working buffer, for the next large chart, unless the collector has taken it back. */
let largeArena: WeakRef<ArrayBuffer> | null = null;
let largeBorrowed = false;

/**
 * Column memory for one chart whose working columns do not outlive the call. Small charts borrow one
 * module-level arena, so 10,000 charts do not create 10,000 off-heap buffers. A chart above 4 MB borrows
 * the last large buffer if it is big enough and still alive: it is held weakly, so back-to-back large
 * charts reuse memory the system has already mapped (first writes to fresh memory are the largest cost of a
 * million-point chart), while an idle process gives it back at the next collection. A nested call (a rule
 * set that draws a chart) gets a buffer of its own. Borrowed views are zero-filled on allocation, so no
 * chart sees another's values.
 */
export function chartScratch(bytes: number): ChartScratch {
  if (bytes > ARENA_LIMIT) return largeScratch(bytes);
  if (arena === null) return { allocate: blockAllocator(bytes), release: keepBuffer };
  if (arena.byteLength < bytes)
    arena = new ArrayBuffer(Math.min(ARENA_LIMIT, Math.max(bytes, 2 * arena.byteLength)));
  const borrowed = arena;
  arena = null;
  return new BorrowedArena(borrowed, bytes, true);
}

function largeScratch(bytes: number): ChartScratch {
  if (largeBorrowed) return { allocate: blockAllocator(bytes), release: keepBuffer };
  const held = largeArena?.deref();
  largeBorrowed = true;
  if (held !== undefined && held.byteLength >= bytes) return new BorrowedArena(held, bytes, false);
  const fresh = new ArrayBuffer(bytes);
  largeArena = new WeakRef(fresh);
  return new BorrowedArena(fresh, bytes, false, true);
}

function keepBuffer(): void {}

/** An arena lent to one chart; `release` gives it back. */
class BorrowedArena implements ChartScratch {
  readonly allocate: ColumnAllocator;
  constructor(
    private readonly buffer: ArrayBuffer,
    bytes: number,
    private readonly small: boolean,
    /** Freshly allocated, hence already zero. */
    fresh = false,
  ) {
    this.allocate = new Carver(buffer, 0, bytes, !fresh);
  }

  release(): void {
    if (this.small) arena = this.buffer;
    else largeBorrowed = false;
  }
}

/** `count` columns of `length` doubles. */
export function float64Columns(
  length: number,
  count: number,
  allocate: ColumnAllocator = freshColumns,
): Float64Array[] {
  const columns: Float64Array[] = [];
  for (let k = 0; k < count; k++) columns.push(allocate.float64(length));
  return columns;
}

let scratchBuffer = new Float64Array(1024);

/**
 * A temporary buffer of at least `length` doubles, reused between calls. Holders must finish with it
 * before calling anything else that takes it; the limit calculations use it for one local vector each.
 */
export function scratch(length: number): Float64Array {
  if (scratchBuffer.length < length)
    scratchBuffer = new Float64Array(Math.max(length, scratchBuffer.length * 2));
  return scratchBuffer;
}

/** A plain array of `length` copies of `value` (one fill: V8 keeps the array in fast storage). */
export function filledArray<T>(length: number, value: T): T[] {
  return new Array<T>(length).fill(value);
}

/**
 * Typed doubles to a plain (number | null)[] with null for non-finite values. A column without nulls is
 * first filled with a double so V8 stores it unboxed, which makes the copy several times faster.
 */
export function toNullableArray(values: Float64Array): (number | null)[] {
  const length = values.length;
  let missing = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i]!;
    if (v - v !== 0) missing++;
  }
  if (missing === length) return new Array<number | null>(length).fill(null);
  const out = new Array<number | null>(length);
  if (missing === 0) out.fill(0.5);
  for (let i = 0; i < length; i++) {
    const v = values[i]!;
    out[i] = v - v === 0 ? v : null;
  }
  return out;
}
