package com.chargeshare.db;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.DriverManager;
import java.sql.SQLException;

/** Versioned schema (src/main/resources/db/migration) applied with Flyway before the server takes requests. */
public final class Migrations {

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  /** Blocking: creates the database when the server has none of that name, then migrates it. */
  public static void apply(DbSettings db) {
    createDatabaseIfAbsent(db);
    var result = Flyway.configure()
      .dataSource(db.jdbcUrl(), db.user(), db.password())
      .locations("classpath:db/migration")
      .load()
      .migrate();
    if (result.migrationsExecuted == 0) {
      log.info("Schema up to date at version {}", result.initialSchemaVersion);
    } else {
      log.info("Schema at version {} ({} migrations applied now)", result.targetSchemaVersion, result.migrationsExecuted);
    }
  }

  public static void createDatabaseIfAbsent(DbSettings db) {
    if (!db.database().matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("database name may hold only letters, digits and _");
    }
    try (var c = DriverManager.getConnection(db.jdbcServerUrl(), db.user(), db.password());
         var s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS `" + db.database() + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database at " + db + ": " + e.getMessage(), e);
    }
  }
}
