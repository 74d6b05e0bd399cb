package com.chargeshare.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a transaction's rows for one table are cut into multi-row INSERT statements: up to {@link #EXACT_UP_TO} rows (a
 * group commit's usual size) in one statement of their exact size, larger sets in chunks of 128, 64 and 32 rows and a
 * last statement of the rest. Each statement is a round trip and MariaDB's per-statement work: a group of 15 bookings
 * cut into power-of-two chunks (8 + 4 + 2 + 1) took four statements per table. At most 34 distinct statements per
 * table, so they stay in each connection's prepared-statement cache.
 */
public final class MultiRowInsert {

  static final int EXACT_UP_TO = 32;
  private static final int[] CHUNKS = {128, 64, 32};
  private static final Map<String, String> STATEMENTS = new ConcurrentHashMap<>();

  private MultiRowInsert() {
  }

  /**
   * Inserts {@code rows} (each of {@code columns} values) into {@code tableAndColumns} in as few statements as
   * {@link #chunk} allows, on {@code conn} (the caller's transaction); each statement's answer joins {@code sent}.
   * {@code suffix}: what follows the rows, e.g. an ON DUPLICATE KEY UPDATE clause.
   */
  public static void insert(SqlClient conn, String tableAndColumns, int columns, List<Tuple> rows, String suffix,
                            List<Future<?>> sent) {
    for (int i = 0, chunk; i < rows.size(); i += chunk) {
      chunk = chunk(rows.size() - i);
      Tuple args = Tuple.tuple();
      for (Tuple row : rows.subList(i, i + chunk)) {
        for (int c = 0; c < columns; c++) {
          args.addValue(row.getValue(c));
        }
      }
      sent.add(conn.preparedQuery(sql(tableAndColumns, columns, chunk, suffix)).execute(args));
    }
  }

  /** The rows of the next statement when {@code left} rows are still to insert. */
  public static int chunk(int left) {
    if (left <= EXACT_UP_TO) {
      return left;
    }
    for (int chunk : CHUNKS) {
      if (left >= chunk) {
        return chunk;
      }
    }
    throw new AssertionError("unreachable: more than " + EXACT_UP_TO + " rows fill a chunk of " + EXACT_UP_TO);
  }

  /**
   * {@code INSERT INTO tableAndColumns VALUES (?, …), …} for {@code rows} rows of {@code columns} values, then
   * {@code suffix} (e.g. an ON DUPLICATE KEY UPDATE clause).
   */
  public static String sql(String tableAndColumns, int columns, int rows, String suffix) {
    return STATEMENTS.computeIfAbsent(tableAndColumns + "/" + rows + suffix, k -> {
      String group = "(" + String.join(",", Collections.nCopies(columns, "?")) + ")";
      return "INSERT INTO " + tableAndColumns + " VALUES " + String.join(",", Collections.nCopies(rows, group)) + suffix;
    });
  }
}
