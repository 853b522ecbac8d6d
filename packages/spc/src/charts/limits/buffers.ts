/*
 * Allocation helpers. A typed array larger than 64 bytes gets its own off-heap backing store, which costs
 * about a microsecond to create and to collect; a chart of 36 points used to allocate two dozen of them.
 * Views on one block, and one reusable scratch buffer, keep a chart to a handful of allocations.
 */

/** Where a chart's typed columns come from. */
export interface ColumnAllocator {
  float64(length: number): Float64Array;
  uint8(length: number): Uint8Array;
  int32(length: number): Int32Array;
}

/** Fresh zeroed arrays for every request. */
export const freshColumns: ColumnAllocator = {
  float64: (length) => new Float64Array(length),
  uint8: (length) => new Uint8Array(length),
  int32: (length) => new Int32Array(length),
};

/**
 * Zeroed views carved from one buffer of `bytes`, so all the columns of one chart share a single backing
 * store and die together; requests beyond it get fresh arrays.
 */
export function blockAllocator(bytes: number): ColumnAllocator {
  return carve(new ArrayBuffer(bytes), bytes, false);
}

function carve(buffer: ArrayBuffer, bytes: number, zero: boolean): ColumnAllocator {
  let offset = 0;
  const take = (size: number): number => {
    const start = offset;
    offset += (size + 7) & ~7;
    return offset <= bytes ? start : -1;
  };
  return {
    float64(length) {
      const at = take(8 * length);
      if (at < 0) return new Float64Array(length);
      const view = new Float64Array(buffer, at, length);
      return zero ? view.fill(0) : view;
    },
    uint8(length) {
      const at = take(length);
      if (at < 0) return new Uint8Array(length);
      const view = new Uint8Array(buffer, at, length);
      return zero ? view.fill(0) : view;
    },
    int32(length) {
      const at = take(4 * length);
      if (at < 0) return new Int32Array(length);
      const view = new Int32Array(buffer, at, length);
      return zero ? view.fill(0) : view;
    },
  };
}

/** A column allocator for one chart, and how to give its memory back. */
export interface ChartScratch {
  readonly allocate: ColumnAllocator;
  release(): void;
}

const ARENA_LIMIT = 1 << 22;
let arena: ArrayBuffer | null = new ArrayBuffer(1 << 16);

/**
 * Column memory for one chart whose typed columns do not outlive the call (spcChart copies everything it
 * returns). Small charts borrow one module-level arena, so 10,000 charts do not create 10,000 off-heap
 * buffers; a nested call (a rule set that draws a chart) or a chart above 4 MB gets a buffer of its own.
 * Borrowed views are zero-filled on allocation, so no chart sees another's values.
 */
export function chartScratch(bytes: number): ChartScratch {
  if (arena === null || bytes > ARENA_LIMIT)
    return { allocate: blockAllocator(bytes), release: () => undefined };
  if (arena.byteLength < bytes)
    arena = new ArrayBuffer(Math.min(ARENA_LIMIT, Math.max(bytes, 2 * arena.byteLength)));
  const borrowed = arena;
  arena = null;
  return {
    allocate: carve(borrowed, bytes, true),
    release: () => {
      arena = borrowed;
    },
  };
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
