import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { ConfigError } from "./errors.js";

describe("loadConfig", () => {
  it("selects the embedded PGlite default in .vigil/ when DATABASE_URL is unset", () => {
    const config = loadConfig({}, "/srv/vigil");
    expect(config.database).toEqual({
      kind: "pglite",
      url: undefined,
      dataDir: "/srv/vigil/.vigil",
      autoMigrate: true,
    });
    expect(config.http).toEqual({ host: "127.0.0.1", port: 4000 });
    expect(config.observationSetWindowMinutes).toBe(15);
  });

  it("keeps VIGIL_DATA_DIR=memory:// as an in-memory database rather than a folder", () => {
    expect(loadConfig({ VIGIL_DATA_DIR: "memory://" }, "/srv/vigil").database.dataDir).toBe("memory://");
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(loadConfig({ DATABASE_URL: "  " }).database.kind).toBe("pglite");
  });

  it("selects PostgreSQL when DATABASE_URL is a postgresql:// URL", () => {
    const config = loadConfig({ DATABASE_URL: "postgresql://postgres@db.example:5433/vigil" });
    expect(config.database.kind).toBe("postgres");
    expect(config.database.url).toBe("postgresql://postgres@db.example:5433/vigil");
  });

  it.each([
    ["mysql://root@localhost/vigil", /DATABASE_URL.*protocol "mysql:"/],
    ["not a url", /DATABASE_URL.*not a URL/],
    ["postgresql://localhost", /DATABASE_URL.*names no database/],
  ])("rejects DATABASE_URL=%s with a message naming the variable", (value, message) => {
    expect(() => loadConfig({ DATABASE_URL: value })).toThrowError(message);
    try {
      loadConfig({ DATABASE_URL: value });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe("DATABASE_URL");
      expect((error as ConfigError).code).toBe("CONFIG_INVALID");
    }
  });

  it("rejects a PORT that is not a port number", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrowError(/^Invalid PORT/);
    expect(() => loadConfig({ PORT: "70000" })).toThrowError(/^Invalid PORT/);
  });

  it("rejects a short VIGIL_JWT_SECRET and a non-redis REDIS_URL", () => {
    expect(() => loadConfig({ VIGIL_JWT_SECRET: "short" })).toThrowError(/VIGIL_JWT_SECRET.*16 characters/);
    expect(() => loadConfig({ REDIS_URL: "http://localhost" })).toThrowError(/REDIS_URL/);
  });

  it("reads VIGIL_AUTO_MIGRATE as a boolean flag", () => {
    expect(loadConfig({ VIGIL_AUTO_MIGRATE: "false" }).database.autoMigrate).toBe(false);
    expect(loadConfig({ VIGIL_AUTO_MIGRATE: "1" }).database.autoMigrate).toBe(true);
    expect(() => loadConfig({ VIGIL_AUTO_MIGRATE: "maybe" })).toThrowError(/VIGIL_AUTO_MIGRATE/);
  });
});
