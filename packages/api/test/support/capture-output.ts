import { PassThrough } from "node:stream";

/** Streams to hand `runCli` as stdout and stderr, and what was written to each so far. */
export function captureOutput() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on("data", (chunk: Buffer) => err.push(chunk.toString()));
  return { stdout, stderr, out: () => out.join(""), err: () => err.join("") };
}
