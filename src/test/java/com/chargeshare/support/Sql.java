package com.chargeshare.support;

import com.chargeshare.db.DbSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the database directly, over its own JDBC connection: tests check what MySQL holds, not only answers. */
public final class Sql {

  private Sql() {
  }

  public static List<Map<String, Object>> rows(DbSettings db, String sql, Object... args) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         var ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<Map<String, Object>> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= n; i++) {
            row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
          }
          out.add(row);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static long count(DbSettings db, String sql, Object... args) {
    return ((Number) rows(db, sql, args).get(0).values().iterator().next()).longValue();
  }

  public static int update(DbSettings db, String sql, Object... args) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         var ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
