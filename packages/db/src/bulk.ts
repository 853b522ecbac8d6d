/**
 * Set-based writes for hot paths. Prisma Client spends most of a bulk insert in its own runtime
 * (100k rows: 15–40 s with createMany); one `INSERT ... SELECT FROM unnest($1::t[], $2::t[], ...)` per chunk
 * sends each column as one array parameter and is an order of magnitude faster on PostgreSQL and PGlite.
 */

/** Column types the bulk path supports; `[]` marks an array column (sent as array literals). */
export type BulkScalarType = "text" | "int4" | "int8" | "float8" | "bool" | "timestamptz" | "date" | "jsonb";
export type BulkColumnType = BulkScalarType | `${BulkScalarType}[]`;

export interface BulkColumn {
  readonly name: string;
  readonly type: BulkColumnType;
}

export interface BulkConflict {
  /** Columns of the unique constraint. */
  readonly target: readonly string[];
  /** Columns to overwrite from the new row, or "nothing" to keep the existing row. */
  readonly update: readonly string[] | "nothing";
  /** SQL condition on the existing row (`t`) and `EXCLUDED` deciding whether to update (e.g. only when changed). */
  readonly where?: string;
}

export interface BulkInsertOptions {
  readonly table: string;
  readonly columns: readonly BulkColumn[];
  /** Row-major values, aligned with `columns`. `null`/`undefined` are SQL NULL. */
  readonly rows: readonly (readonly unknown[])[];
  readonly onConflict?: BulkConflict;
  /** Rows per statement (default 5,000). */
  readonly chunkSize?: number;
}

/** What the bulk path needs from Prisma: a client or an interactive-transaction client. */
export interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`bulkInsert: invalid SQL identifier "${name}"`);
  return `"${name}"`;
}

function scalarToText(value: unknown, type: BulkScalarType): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "timestamptz":
    case "date":
      if (value instanceof Date) return value.toISOString();
      if (typeof value === "string") return value;
      if (typeof value === "number") return new Date(value).toISOString();
      throw new Error(`bulkInsert: ${type} value must be a Date, string or epoch number`);
    case "jsonb":
      return typeof value === "string" ? value : JSON.stringify(value);
    case "int8":
      return typeof value === "bigint" ? value.toString() : (value as number);
    case "text":
    case "int4":
    case "float8":
    case "bool":
      return value as string | number | boolean;
  }
}

/** PostgreSQL array literal, e.g. {"a","b \"c\""} — unnest cannot carry a nested array, so arrays travel as text. */
function arrayLiteral(values: readonly unknown[], type: BulkScalarType): string {
  const items = values.map((item) => {
    const text = scalarToText(item, type);
    if (text === null) return "NULL";
    return `"${String(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(",")}}`;
}

function buildStatement(options: BulkInsertOptions): string {
  const { table, columns, onConflict } = options;
  const names = columns.map((column) => ident(column.name)).join(", ");
  const params = columns
    .map((column, index) =>
      column.type.endsWith("[]") ? `$${index + 1}::text[]` : `$${index + 1}::${column.type}[]`,
    )
    .join(", ");
  const selects = columns
    .map((column, index) => (column.type.endsWith("[]") ? `u.c${index}::${column.type}` : `u.c${index}`))
    .join(", ");
  const aliases = columns.map((_, index) => `c${index}`).join(", ");
  let sql = `INSERT INTO ${ident(table)} AS t (${names}) SELECT ${selects} FROM unnest(${params}) AS u(${aliases})`;
  if (onConflict !== undefined) {
    sql += ` ON CONFLICT (${onConflict.target.map(ident).join(", ")})`;
    if (onConflict.update === "nothing") {
      sql += " DO NOTHING";
    } else {
      sql += ` DO UPDATE SET ${onConflict.update.map((name) => `${ident(name)} = EXCLUDED.${ident(name)}`).join(", ")}`;
      if (onConflict.where !== undefined) sql += ` WHERE ${onConflict.where}`;
    }
  }
  return sql;
}

/**
 * Inserts (or upserts) many rows with one statement per chunk. Run it inside `prisma.$transaction` to make
 * a batch atomic.
 *
 * @returns the number of rows inserted or updated (rows skipped by `DO NOTHING` or `where` do not count).
 */
export async function bulkInsert(executor: RawExecutor, options: BulkInsertOptions): Promise<number> {
  const { columns, rows } = options;
  if (columns.length === 0) throw new Error("bulkInsert: no columns");
  for (const [index, row] of rows.entries()) {
    if (row.length !== columns.length) {
      throw new Error(`bulkInsert: row ${index} has ${row.length} values for ${columns.length} columns`);
    }
  }
  const sql = buildStatement(options);
  const chunkSize = options.chunkSize ?? 5_000;
  let affected = 0;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const arrays = columns.map((column, columnIndex) => {
      const isArray = column.type.endsWith("[]");
      const scalar = (isArray ? column.type.slice(0, -2) : column.type) as BulkScalarType;
      return chunk.map((row) => {
        const value = row[columnIndex];
        if (!isArray) return scalarToText(value, scalar);
        return value === null || value === undefined
          ? null
          : arrayLiteral(value as readonly unknown[], scalar);
      });
    });
    affected += await executor.$executeRawUnsafe(sql, ...arrays);
  }
  return affected;
}
