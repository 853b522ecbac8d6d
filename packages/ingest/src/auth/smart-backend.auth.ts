import { randomUUID } from "node:crypto";
import { importJWK, importPKCS8, SignJWT, type CryptoKey, type JWK, type KeyObject } from "jose";
import { IngestError } from "../errors.js";
import { classifyStatus, DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from "../http/retry.js";
import type { AuthOptions, AuthProvider } from "./auth.type.js";

type SmartOptions = Extract<AuthOptions, { type: "smart-backend" }>;

/** Refresh this long before the token's stated expiry, so a request never carries a token about to lapse. */
const REFRESH_MARGIN_MS = 60_000;

async function importKey(privateKey: string, algorithm: string): Promise<CryptoKey | KeyObject | Uint8Array> {
  const trimmed = privateKey.trim();
  try {
    if (trimmed.startsWith("{")) return await importJWK(JSON.parse(trimmed) as JWK, algorithm);
    return await importPKCS8(trimmed, algorithm);
  } catch (error) {
    throw new IngestError(
      "AUTH_FAILED",
      `Cannot read the SMART private key as ${algorithm} (PKCS#8 PEM or JWK).`,
      { cause: error },
    );
  }
}

/** Finds the token endpoint in `[base]/.well-known/smart-configuration` (SMART App Launch 2.0). */
export async function discoverTokenUrl(
  baseUrl: string,
  signal?: AbortSignal,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<string> {
  const url = `${baseUrl.replace(/\/$/, "")}/.well-known/smart-configuration`;
  const config = await withRetry(
    async (attemptSignal) => {
      const response = await fetch(url, { headers: { accept: "application/json" }, signal: attemptSignal });
      if (!response.ok)
        throw Object.assign(new Error(`HTTP ${response.status}`), {
          failure: classifyStatus(response.status, response.headers.get("retry-after")),
        });
      return (await response.json()) as { token_endpoint?: unknown };
    },
    policy,
    { what: `SMART discovery ${url}`, ...(signal === undefined ? {} : { signal }), classify: failureOf },
  );
  if (typeof config.token_endpoint !== "string") {
    throw new IngestError("AUTH_FAILED", `${url} names no token_endpoint.`);
  }
  return config.token_endpoint;
}

function failureOf(error: unknown) {
  const failure = (error as { failure?: ReturnType<typeof classifyStatus> }).failure;
  if (failure !== undefined) return failure;
  return { retryable: true, description: (error as Error).message };
}

/**
 * SMART Backend Services (client-credentials grant with a signed JWT assertion, RS384 or ES384): discovers
 * the token endpoint, caches the access token, refreshes it a minute before it expires and whenever the
 * FHIR server answers 401.
 */
export function smartBackendAuth(
  baseUrl: string,
  options: SmartOptions,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): AuthProvider {
  const algorithm = options.algorithm ?? "RS384";
  let keyPromise: Promise<CryptoKey | KeyObject | Uint8Array> | undefined;
  let tokenUrl: string | undefined = options.tokenUrl;
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    keyPromise ??= importKey(options.privateKey, algorithm);
    const key = await keyPromise;
    tokenUrl ??= await discoverTokenUrl(baseUrl, signal, policy);
    const endpoint = tokenUrl;
    const body = await withRetry(
      async (attemptSignal) => {
        const now = Math.floor(Date.now() / 1000);
        const assertion = await new SignJWT({})
          .setProtectedHeader({
            alg: algorithm,
            typ: "JWT",
            ...(options.keyId === undefined ? {} : { kid: options.keyId }),
          })
          .setIssuer(options.clientId)
          .setSubject(options.clientId)
          .setAudience(endpoint)
          .setIssuedAt(now)
          .setExpirationTime(now + 300)
          .setJti(randomUUID())
          .sign(key);
        const response = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: new URLSearchParams({
            grant_type: "client_credentials",
            scope: options.scope ?? "system/*.read",
            client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            client_assertion: assertion,
          }),
          signal: attemptSignal,
        });
        if (!response.ok) {
          const text = await response.text().catch(() => "");
          const failure = classifyStatus(response.status, response.headers.get("retry-after"));
          // 400/401 from a token endpoint is a configuration problem (wrong key, client or scope): do not retry.
          throw Object.assign(new Error(`HTTP ${response.status} ${text.slice(0, 200)}`), {
            failure: {
              ...failure,
              unauthorized: false,
              description: `token endpoint answered HTTP ${response.status} ${text.slice(0, 200)}`,
            },
          });
        }
        return (await response.json()) as { access_token?: unknown; expires_in?: unknown };
      },
      policy,
      {
        what: `SMART token request to ${endpoint}`,
        ...(signal === undefined ? {} : { signal }),
        classify: failureOf,
      },
    ).catch((error: unknown) => {
      if (error instanceof IngestError && error.code === "HTTP_ERROR") {
        throw new IngestError("AUTH_FAILED", error.message, { cause: error });
      }
      throw error;
    });
    if (typeof body.access_token !== "string")
      throw new IngestError("AUTH_FAILED", `${endpoint} returned no access_token.`);
    const lifetime = typeof body.expires_in === "number" ? body.expires_in * 1000 : 300_000;
    // Short-lived tokens are refreshed half-way through their life rather than a minute before.
    cached = {
      token: body.access_token,
      refreshAt: Date.now() + lifetime - Math.min(REFRESH_MARGIN_MS, lifetime / 2),
    };
    return body.access_token;
  }

  return {
    async headers(signal) {
      if (cached === undefined || Date.now() >= cached.refreshAt) {
        // One token request at a time, shared by concurrent callers.
        pending ??= fetchToken(signal).finally(() => {
          pending = undefined;
        });
        await pending;
      }
      return { authorization: `Bearer ${cached!.token}` };
    },
    invalidate() {
      cached = undefined;
    },
  };
}
