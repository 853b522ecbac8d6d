import { describe, expect, it } from "vitest";
import { runCli } from "../run-cli.js";
import { captureOutput } from "../../../test/support/capture-output.js";

describe("vigil sandbox", () => {
  it("serves the demo ward on a FHIR base URL until stopped", async () => {
    const io = captureOutput();
    const controller = new AbortController();
    const running = runCli(["sandbox", "serve", "--port", "0", "--demo"], {
      env: { VIGIL_DATA_DIR: "memory://" },
      cwd: "/",
      ...io,
      signal: controller.signal,
    });
    let baseUrl: string | undefined;
    for (let i = 0; i < 200 && baseUrl === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      baseUrl = /Sandbox FHIR server at (\S+)/.exec(io.out())?.[1];
    }
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir$/);
    const bundle = (await (await fetch(`${baseUrl!}/Patient?_count=1`)).json()) as { total: number };
    expect(bundle.total).toBe(12);
    controller.abort();
    expect(await running).toBe(0);
  });

  it("dispatches generate to the generator and rejects unknown subcommands with usage", async () => {
    const help = captureOutput();
    expect(await runCli(["sandbox", "generate", "--help"], { env: {}, cwd: "/", ...help })).toBe(0);
    expect(help.out()).toMatch(/^Usage: vigil sandbox generate --out DIR/);
    const io = captureOutput();
    expect(await runCli(["sandbox", "frobnicate"], { env: {}, cwd: "/", ...io })).toBe(2);
    expect(io.err()).toMatch(/^vigil sandbox: Unknown subcommand "frobnicate"\nUsage: vigil sandbox serve/);
  });
});
