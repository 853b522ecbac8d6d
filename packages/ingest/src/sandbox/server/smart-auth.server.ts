import { randomBytes } from "node:crypto";
import { decodeJwt, importJWK, importSPKI, jwtVerify, type JWK } from "jose";

export interface SandboxAuthClient {
  readonly clientId: string;
  /** Public key: a JWK or an SPKI PEM. */
  readonly publicKey: JWK | string;
  readonly algorithm?: "RS384" | "ES384";
}

export interface SandboxAuthOptions {
  /** Static tokens always accepted (plain bearer-token auth). */
  readonly bearerTokens?: readonly string[];
  /** SMART Backend Services clients. */
  readonly clients?: readonly SandboxAuthClient[];
  /** Lifetime of issued access tokens (default 300 s). */
  readonly tokenLifetimeSeconds?: number;
}

/**
 * The sandbox's authorisation server: SMART Backend Services token endpoint (client-credentials grant with
 * a `private_key_jwt` assertion verified against the client's registered public key) and bearer checks.
 */
export class SandboxAuth {
  private readonly issued = new Map<string, number>();
  /** Token requests answered, for tests of refresh behaviour. */
  tokensIssued = 0;

  constructor(private readonly options: SandboxAuthOptions) {}

  isAuthorized(header: string | undefined): boolean {
    const token = /^Bearer (.+)$/i.exec(header ?? "")?.[1];
    if (token === undefined) return false;
    if (this.options.bearerTokens?.includes(token) === true) return true;
    const expiresAt = this.issued.get(token);
    return expiresAt !== undefined && Date.now() < expiresAt;
  }

  /** Forgets every issued token: the next request with one gets 401 (tests of refresh on 401). */
  revokeAll(): void {
    this.issued.clear();
  }

  async token(
    body: URLSearchParams,
    tokenUrl: string,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const error = (description: string, status = 400) => ({
      status,
      body: { error: "invalid_client", error_description: description },
    });
    if (body.get("grant_type") !== "client_credentials")
      return { status: 400, body: { error: "unsupported_grant_type" } };
    if (body.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
      return error("client_assertion_type must be jwt-bearer");
    const assertion = body.get("client_assertion") ?? "";
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(assertion).iss;
    } catch {
      return error("client_assertion is not a JWT");
    }
    const client = this.options.clients?.find((c) => c.clientId === issuer);
    if (client === undefined) return error(`unknown client ${issuer ?? ""}`, 401);
    const algorithm = client.algorithm ?? "RS384";
    try {
      const key =
        typeof client.publicKey === "string"
          ? await importSPKI(client.publicKey, algorithm)
          : await importJWK(client.publicKey, algorithm);
      await jwtVerify(assertion, key, {
        issuer: client.clientId,
        subject: client.clientId,
        audience: tokenUrl,
        algorithms: [algorithm],
      });
    } catch (cause) {
      return error(`client_assertion rejected: ${(cause as Error).message}`, 401);
    }
    const token = randomBytes(24).toString("base64url");
    const lifetime = this.options.tokenLifetimeSeconds ?? 300;
    this.issued.set(token, Date.now() + lifetime * 1000);
    this.tokensIssued++;
    return {
      status: 200,
      body: {
        access_token: token,
        token_type: "bearer",
        expires_in: lifetime,
        scope: body.get("scope") ?? "system/*.read",
      },
    };
  }
}
