import { exportJWK, exportPKCS8, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY } from "../http/retry.js";
import { startFhirServer, type FhirServer } from "../sandbox/server/fhir-server.js";
import { FhirSearchClient } from "../sources/search/fhir-client.js";
import { bearerAuth, NO_AUTH, type AuthProvider } from "./auth.type.js";
import { smartBackendAuth } from "./smart-backend.auth.js";

const retry = { ...DEFAULT_RETRY_POLICY, retries: 1, baseDelayMs: 10 };

describe("auth against the sandbox server", () => {
  let server: FhirServer;
  let rsKey: string;
  let esJwk: string;

  beforeAll(async () => {
    const rs = await generateKeyPair("RS384", { extractable: true });
    const es = await generateKeyPair("ES384", { extractable: true });
    rsKey = await exportPKCS8(rs.privateKey);
    esJwk = JSON.stringify(await exportJWK(es.privateKey));
    server = await startFhirServer({
      auth: {
        bearerTokens: ["static-token"],
        tokenLifetimeSeconds: 2,
        clients: [
          { clientId: "vigil-rs", publicKey: await exportJWK(rs.publicKey), algorithm: "RS384" },
          { clientId: "vigil-es", publicKey: await exportJWK(es.publicKey), algorithm: "ES384" },
        ],
      },
    });
    await server.seed([{ resourceType: "Patient", id: "p1" }]);
  });
  afterAll(async () => {
    await server?.close();
  });

  const search = (auth: AuthProvider) =>
    new FhirSearchClient({ baseUrl: server.baseUrl, auth, retry }).search("Patient", {});

  it("refuses requests without a token and accepts a static bearer token", async () => {
    await expect(search(NO_AUTH)).rejects.toMatchObject({ code: "AUTH_FAILED" });
    expect((await search(bearerAuth("static-token"))).total).toBe(1);
  });

  it("gets a token with an RS384 assertion from the discovered endpoint and reuses it", async () => {
    const before = server.auth!.tokensIssued;
    const auth = smartBackendAuth(server.baseUrl, {
      type: "smart-backend",
      clientId: "vigil-rs",
      privateKey: rsKey,
      algorithm: "RS384",
    });
    expect((await search(auth)).total).toBe(1);
    expect((await search(auth)).total).toBe(1);
    expect(server.auth!.tokensIssued - before).toBe(1);
  });

  it("signs ES384 assertions with a JWK, refreshes before expiry and after a 401", async () => {
    const auth = smartBackendAuth(server.baseUrl, {
      type: "smart-backend",
      clientId: "vigil-es",
      privateKey: esJwk,
      algorithm: "ES384",
    });
    const start = server.auth!.tokensIssued;
    expect((await search(auth)).total).toBe(1);
    // A 2-second token is refreshed half-way through its life.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await search(auth)).total).toBe(1);
    expect(server.auth!.tokensIssued - start).toBe(2);
    server.auth!.revokeAll();
    expect((await search(auth)).total).toBe(1);
    expect(server.auth!.tokensIssued - start).toBe(3);
  });

  it("fails with AUTH_FAILED when the token endpoint rejects the client", async () => {
    const auth = smartBackendAuth(server.baseUrl, {
      type: "smart-backend",
      clientId: "stranger",
      privateKey: rsKey,
    });
    await expect(search(auth)).rejects.toMatchObject({ code: "AUTH_FAILED" });
  });
});
