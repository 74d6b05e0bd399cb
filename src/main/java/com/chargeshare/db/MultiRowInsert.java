package com.chargeshare.db;

import java.util.Collections;
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
