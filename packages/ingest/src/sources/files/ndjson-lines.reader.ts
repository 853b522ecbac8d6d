import { open } from "node:fs/promises";
import type { NdjsonLine } from "../../mapping/prepare.js";

const CHUNK_BYTES = 4 << 20;
const LF = 0x0a;
const CR = 0x0d;
const OPEN_BRACE = 0x7b;
/** The UTF-8 byte-order mark (U+FEFF) that Windows tools and some EHR exports put at the start of a file. */
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The non-blank lines of an NDJSON file as raw bytes, a chunk's worth at a time. Lines are split exactly as
 * `readline` splits them (`\n`, `\r\n` or a lone `\r`), but stay bytes: each line is parsed only when its
 * batch is prepared, so the parsed JSON dies young, and a line that is valid UTF-8 is hashed and stored as
 * the very bytes received instead of being decoded and encoded again. Lines are views into chunks of about
 * 4 MiB that are never reused, so a line stays valid for as long as it is referenced. One byte-order mark at
 * the start of the file is dropped from the first line (it is not JSON, and the line is hashed and stored
 * without it); U+FEFF anywhere else is left as received.
 */
export async function* readNdjsonLines(
  file: string,
  options: { readonly signal?: AbortSignal; readonly chunkBytes?: number } = {},
): AsyncGenerator<NdjsonLine[]> {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const handle = await open(file, "r");
  try {
    let carry: Buffer | undefined;
    let lineNumber = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const carried = carry?.length ?? 0;
      const buffer = Buffer.allocUnsafe(carried + chunkBytes);
      if (carry !== undefined) carry.copy(buffer, 0);
      const { bytesRead } = await handle.read(buffer, carried, chunkBytes, null);
      const end = carried + bytesRead;
      const eof = bytesRead === 0;
      const lines: NdjsonLine[] = [];
      let start = 0;
      let nextCr = buffer.indexOf(CR, 0);
      if (nextCr >= end) nextCr = -1;
      for (;;) {
        let lf = buffer.indexOf(LF, start);
        if (lf >= end) lf = -1;
        if (nextCr !== -1 && nextCr < start) {
          nextCr = buffer.indexOf(CR, start);
          if (nextCr >= end) nextCr = -1;
        }
        let stop: number;
        let next: number;
        if (nextCr !== -1 && (lf === -1 || nextCr < lf)) {
          // A `\r` ends the line; `\r\n` counts once. A `\r` as the chunk's last byte waits for the next chunk.
          if (nextCr + 1 === end && !eof) break;
          stop = nextCr;
          next = buffer[nextCr + 1] === LF && nextCr + 1 < end ? nextCr + 2 : nextCr + 1;
        } else if (lf !== -1) {
          stop = lf;
          next = lf + 1;
        } else {
          if (eof && start < end) {
            stop = end;
            next = end;
          } else break;
        }
        lineNumber++;
        // The first line is whole here, however small the chunks, so the mark is never split.
        const skip =
          lineNumber === 1 && stop - start >= 3 && buffer.subarray(start, start + 3).equals(BOM) ? 3 : 0;
        const bytes = buffer.subarray(start + skip, stop);
        start = next;
        if (!isBlank(bytes)) lines.push({ bytes, file, line: lineNumber });
      }
      carry = start < end ? buffer.subarray(start, end) : undefined;
      if (lines.length > 0) yield lines;
      if (eof) return;
    }
  } finally {
    await handle.close();
  }
}

/** As `line.trim() === ""` on the decoded line; an NDJSON resource starts with `{`, so it is decoded rarely. */
function isBlank(bytes: Buffer): boolean {
  if (bytes.length > 0 && bytes[0] === OPEN_BRACE) return false;
  return bytes.toString("utf8").trim() === "";
}
