import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { ConfigError } from "./errors.js";

/**
 * Vigil's configuration, read once from the environment and validated. This module is the only reader of
 * `process.env` in the product; everything else receives a `VigilConfig`.
 */
const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((value) => ["1", "true", "yes", "on"].includes(value));

const postgresUrl = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({
        code: "custom",
        message: "is not a URL (expected postgresql://user@host:5432/database)",
      });
      return;
    }
    if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
      ctx.addIssue({
        code: "custom",
        message: `has protocol "${url.protocol}" (expected postgresql://user@host:5432/database)`,
      });
    } else if (url.hostname === "") {
      ctx.addIssue({
        code: "custom",
        message: "has no host (expected postgresql://user@host:5432/database)",
      });
    } else if (url.pathname.length <= 1) {
      ctx.addIssue({
        code: "custom",
        message: "names no database (expected postgresql://user@host:5432/database)",
      });
    }
  });

const redisUrl = z
  .string()
  .trim()
  .refine((value) => /^rediss?:\/\/[^/]/.test(value), "is not a redis:// URL (expected redis://host:6379)");

const envSchema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  VIGIL_DATA_DIR: z.string().trim().min(1).default(".vigil"),
  REDIS_URL: redisUrl.optional(),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  VIGIL_JWT_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  VIGIL_LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Minutes within which vital signs of one patient form one observation set (ARCHITECTURE.md). */
  VIGIL_OBS_SET_WINDOW_MINUTES: z.coerce.number().positive().max(240).default(15),
  VIGIL_AUTO_MIGRATE: booleanFlag.default(true),
  /** Bearer token for `vigil ingest --auth bearer` (a secret: never a command-line argument). */
  VIGIL_FHIR_BEARER_TOKEN: z.string().trim().min(1).optional(),
  /** SMART Backend Services private key (PKCS#8 PEM or JWK text) for `vigil ingest --auth smart`. */
  VIGIL_FHIR_PRIVATE_KEY: z.string().trim().min(1).optional(),
});

export interface DatabaseConfig {
  /** "postgres" when DATABASE_URL is set, otherwise the embedded PGlite default. */
  readonly kind: "postgres" | "pglite";
  readonly url: string | undefined;
  /** Folder for the embedded database and other local state (absolute). */
  readonly dataDir: string;
  /** Apply pending migrations when a client is created. */
  readonly autoMigrate: boolean;
}

export interface VigilConfig {
  readonly database: DatabaseConfig;
  readonly redisUrl: string | undefined;
  readonly http: { readonly host: string; readonly port: number };
  readonly jwtSecret: string | undefined;
  readonly logLevel: "debug" | "info" | "warn" | "error" | "silent";
  readonly observationSetWindowMinutes: number;
  /** Secrets for authenticating to FHIR servers; settings that are not secret are command options. */
  readonly fhirAuth: { readonly bearerToken: string | undefined; readonly privateKey: string | undefined };
}

/**
 * Reads and validates the environment. Empty strings count as unset, so `DATABASE_URL=` in a shell or an
 * `.env` file selects the embedded default rather than failing.
 *
 * @throws ConfigError naming the first invalid variable.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): VigilConfig {
  const present = Object.fromEntries(
    Object.keys(envSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "environment");
    throw new ConfigError(variable, `Invalid ${variable}: ${issue?.message ?? "invalid value"}.`);
  }
  const e = parsed.data;
  // "memory://" (tests, throw-away runs) is an in-memory PGlite, not a folder name.
  const dataDir =
    e.VIGIL_DATA_DIR.startsWith("memory://") || isAbsolute(e.VIGIL_DATA_DIR)
      ? e.VIGIL_DATA_DIR
      : resolve(cwd, e.VIGIL_DATA_DIR);
  return {
    database: {
      kind: e.DATABASE_URL === undefined ? "pglite" : "postgres",
      url: e.DATABASE_URL,
      dataDir,
      autoMigrate: e.VIGIL_AUTO_MIGRATE,
    },
    redisUrl: e.REDIS_URL,
    http: { host: e.HOST, port: e.PORT },
    jwtSecret: e.VIGIL_JWT_SECRET,
    logLevel: e.VIGIL_LOG_LEVEL,
    observationSetWindowMinutes: e.VIGIL_OBS_SET_WINDOW_MINUTES,
    fhirAuth: { bearerToken: e.VIGIL_FHIR_BEARER_TOKEN, privateKey: e.VIGIL_FHIR_PRIVATE_KEY },
  };
}

/** "host:port/database" of a PostgreSQL URL, without credentials, for messages. */
export function describePostgresUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}

/**
 * Settings used only by test suites: the PostgreSQL server on which each test run creates (and drops) its
 * own database. `VIGIL_TEST_ADMIN_URL` defaults to the local server with trust auth.
 */
export interface TestConfig {
  readonly adminUrl: string;
}

export function loadTestConfig(env: Readonly<Record<string, string | undefined>> = process.env): TestConfig {
  const adminUrl = env["VIGIL_TEST_ADMIN_URL"]?.trim() || "postgresql://postgres@127.0.0.1:5432/postgres";
  const parsed = postgresUrl.safeParse(adminUrl);
  if (!parsed.success) {
    throw new ConfigError(
      "VIGIL_TEST_ADMIN_URL",
      `Invalid VIGIL_TEST_ADMIN_URL: ${parsed.error.issues[0]?.message ?? "invalid"}.`,
    );
  }
  return { adminUrl };
}
