/**
 * A stream reader whose every `read()` fails with a `TimeoutError` (which the retry classifier retries) when
 * no chunk arrives within `idleMs`, cancelling the stream so its connection is let go. A large body is allowed
 * to take as long as it needs, as long as it keeps arriving; a stalled one does not hang the run.
 */
export function readWithIdleTimeout<T>(
  reader: ReadableStreamDefaultReader<T>,
  idleMs: number,
): { read(): ReturnType<ReadableStreamDefaultReader<T>["read"]> } {
  return {
    read() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new DOMException(`no data for ${idleMs} ms`, "TimeoutError"));
          reader.cancel().catch(() => undefined);
        }, idleMs);
      });
      return Promise.race([reader.read(), stalled]).finally(() => clearTimeout(timer));
    },
  };
}
