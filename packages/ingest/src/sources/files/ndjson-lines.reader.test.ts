import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readNdjsonLines } from "./ndjson-lines.reader.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "vigil-ndjson-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function linesOf(content: Buffer, chunkBytes: number): Promise<[number, string][]> {
  const file = join(dir, `f${chunkBytes}.ndjson`);
  await writeFile(file, content);
  const out: [number, string][] = [];
  for await (const chunk of readNdjsonLines(file, { chunkBytes })) {
    for (const line of chunk) out.push([line.line, line.bytes.toString("utf8")]);
  }
  return out;
}

/** What `readline` makes of the same bytes (the reader it replaces), blank lines left out. */
async function readlineOf(content: Buffer): Promise<[number, string][]> {
  const out: [number, string][] = [];
  let n = 0;
  const rl = createInterface({ input: Readable.from([content.toString("utf8")]), crlfDelay: Infinity });
  for await (const line of rl) {
    n++;
    if (line.trim() !== "") out.push([n, line]);
  }
  return out;
}

describe("readNdjsonLines", () => {
  const content = Buffer.concat([
    Buffer.from('{"a":1}\n{"b":"é€😀"}\r\n\n   \n{"c":3}\r{"d":4}\r\n'),
    Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d, 0x0a]), // {"\xff"} — invalid UTF-8 stays bytes
    Buffer.from('{"e":5}\r\n\r\n{"last":true}'),
  ]);

  it("splits lines exactly as readline does (\\n, \\r\\n, lone \\r, blank lines, no final newline), at any chunk size", async () => {
    const expected = await readlineOf(content);
    expect(expected.map(([n]) => n)).toEqual([1, 2, 5, 6, 7, 8, 10]);
    for (const chunkBytes of [1, 2, 3, 5, 7, 16, 1 << 20]) {
      expect(await linesOf(content, chunkBytes)).toEqual(expected);
    }
  });

  it("keeps the bytes of each line as received", async () => {
    const file = join(dir, "bytes.ndjson");
    await writeFile(file, content);
    const lines = [];
    for await (const chunk of readNdjsonLines(file, { chunkBytes: 4 })) lines.push(...chunk);
    expect(lines[4]!.bytes).toEqual(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]));
    expect(lines[1]!.bytes).toEqual(Buffer.from('{"b":"é€😀"}'));
    expect(lines.every((l) => l.file === file)).toBe(true);
  });

  it("drops one UTF-8 byte-order mark at the start of the file, at any chunk size, and no other U+FEFF", async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const withBom = Buffer.concat([bom, Buffer.from('{"a":1}\n'), bom, Buffer.from('{"b":"\uFEFF"}\n')]);
    for (const chunkBytes of [1, 2, 3, 4, 1 << 20]) {
      expect(await linesOf(withBom, chunkBytes)).toEqual([
        [1, '{"a":1}'],
        [2, '\uFEFF{"b":"\uFEFF"}'],
      ]);
    }
    // A mark alone on the first line leaves it blank; the next line keeps its number.
    expect(await linesOf(Buffer.concat([bom, Buffer.from('\r\n{"c":3}')]), 2)).toEqual([[2, '{"c":3}']]);
  });

  it("reads an empty file as no lines", async () => {
    expect(await linesOf(Buffer.alloc(0), 8)).toEqual([]);
  });
});
