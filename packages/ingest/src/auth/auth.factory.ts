import type { RetryPolicy } from "../http/retry.js";
import { bearerAuth, NO_AUTH, type AuthOptions, type AuthProvider } from "./auth.type.js";
import { smartBackendAuth } from "./smart-backend.auth.js";

export function createAuth(
  baseUrl: string,
  options: AuthOptions | undefined,
  policy?: RetryPolicy,
): AuthProvider {
  switch (options?.type ?? "none") {
    case "none":
      return NO_AUTH;
    case "bearer":
      return bearerAuth((options as Extract<AuthOptions, { type: "bearer" }>).token);
    case "smart-backend":
      return smartBackendAuth(baseUrl, options as Extract<AuthOptions, { type: "smart-backend" }>, policy);
  }
}
