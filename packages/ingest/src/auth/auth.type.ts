/** Supplies the Authorization header for FHIR requests and refreshes it when the server refuses it. */
export interface AuthProvider {
  /** Headers to add to a request (may fetch or refresh a token first). */
  headers(signal?: AbortSignal): Promise<Record<string, string>>;
  /** The server answered 401: drop the cached credential so the next call fetches a new one. */
  invalidate(): void;
}

export type AuthOptions =
  | { readonly type: "none" }
  | { readonly type: "bearer"; readonly token: string }
  | {
      readonly type: "smart-backend";
      readonly clientId: string;
      /** PKCS#8 PEM or a private JWK (JSON) of an RS384 or ES384 key. */
      readonly privateKey: string;
      readonly algorithm?: "RS384" | "ES384";
      /** `kid` of the key registered with the server (its JWKS). */
      readonly keyId?: string;
      readonly scope?: string;
      /** Token endpoint; discovered from `.well-known/smart-configuration` when absent. */
      readonly tokenUrl?: string;
    };

export const NO_AUTH: AuthProvider = {
  headers() {
    return Promise.resolve({});
  },
  invalidate() {},
};

export function bearerAuth(token: string): AuthProvider {
  return {
    headers() {
      return Promise.resolve({ authorization: `Bearer ${token}` });
    },
    invalidate() {},
  };
}
