export {
  createTestPostgres,
  openTestDatabase,
  type TestDatabase,
  type TestDatabaseKind,
  type TestPostgres,
} from "./test-database.js";
