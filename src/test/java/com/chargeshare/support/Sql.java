package com.chargeshare.support;

import com.chargeshare.db.DbSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the database directly, over its own JDBC connection: tests check what MySQL holds, not only answers.
 * A connection per database is kept open (auto-commit, so every statement sees what is committed) rather than one
 * opened per statement: a test that checks each of hundreds of bookings no longer pays a handshake for each.
 */
public final class Sql {

  /** The few databases used last: a test class works on one or two, and older ones are closed. */
  private static final Map<DbSettings, Connection> OPEN = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<DbSettings, Connection> eldest) {
      if (size() > 4) {
        close(eldest.getValue());
        return true;
      }
      return false;
    }
  };

  private Sql() {
  }

  public static List<Map<String, Object>> rows(DbSettings db, String sql, Object... args) {
    return run(db, c -> {
      try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
        List<Map<String, Object>> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= n; i++) {
            row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
          }
          out.add(row);
        }
        return out;
      }
    });
  }

  public static long count(DbSettings db, String sql, Object... args) {
    return ((Number) rows(db, sql, args).get(0).values().iterator().next()).longValue();
  }

  public static int update(DbSettings db, String sql, Object... args) {
    return run(db, c -> {
      try (PreparedStatement ps = prepare(c, sql, args)) {
        return ps.executeUpdate();
      }
    });
  }

  private interface Work<T> {
    T on(Connection c) throws SQLException;
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }

  /** On the database's open connection; one that broke is replaced once. */
  private static synchronized <T> T run(DbSettings db, Work<T> work) {
    Connection c = OPEN.computeIfAbsent(db, Sql::connect);
    try {
      return work.on(c);
    } catch (SQLException e) {
      if (isValid(c)) {
        throw new IllegalStateException(e);
      }
      close(OPEN.remove(db));
      try {
        return work.on(OPEN.computeIfAbsent(db, Sql::connect));
      } catch (SQLException again) {
        throw new IllegalStateException(again);
      }
    }
  }

  private static boolean isValid(Connection c) {
    try {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private static void close(Connection c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException ignored) {
      // gone already
    }
  }

  private static Connection connect(DbSettings db) {
    try {
      return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
