package com.chargeshare.support;

import com.chargeshare.db.DbSettings;
import com.chargeshare.db.Migrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real MySQL-compatible server the tests use, chosen once per JVM: {@code CHARGESHARE_TEST_DB_URL} when
 * set; otherwise MySQL 8.4 in Testcontainers when Docker runs; otherwise the embedded MariaDB. Each test
 * class gets a fresh database of its own on that server. The embedded server lives in a folder of this run alone
 * ({@link EmbeddedTestDb}), so builds side by side do not share one.
 */
public final class TestDatabase {

  private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
  private static DbSettings server;
  private static Template template;

  private TestDatabase() {
  }

  public static synchronized DbSettings server() {
    if (server == null) {
      server = pick();
    }
    return server;
  }

  private static DbSettings pick() {
    String url = System.getenv("CHARGESHARE_TEST_DB_URL");
    if (url != null && !url.isBlank()) {
      log.info("Tests use the database server at CHARGESHARE_TEST_DB_URL");
      return DbSettings.parse(url);
    }
    if (dockerAvailable()) {
      log.info("Tests use MySQL 8.4 in Testcontainers");
      MySQLContainer mysql = new MySQLContainer("mysql:8.4").withUsername("root").withPassword("test")
        .withDatabaseName("chargeshare");
      mysql.start();
      Runtime.getRuntime().addShutdownHook(new Thread(mysql::stop));
      return new DbSettings(mysql.getHost(), mysql.getFirstMappedPort(), "chargeshare", "root", "test");
    }
    log.info("No CHARGESHARE_TEST_DB_URL and no Docker: tests use the embedded MariaDB");
    return EmbeddedTestDb.start();
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  /**
   * A new database on the test server holding the current schema, copied from one this JVM migrated once (the
   * server under test then finds nothing left to migrate). Flyway took about a second per database on a busy box,
   * and the suite starts about a hundred servers; a copy is one CREATE TABLE per table and the few seeded rows.
   */
  public static DbSettings fresh(String label) {
    String name = "cs_" + label.toLowerCase().replaceAll("[^a-z0-9]", "").replaceAll("^(.{0,20}).*", "$1") + "_"
      + UUID.randomUUID().toString().substring(0, 8);
    DbSettings db = server().withDatabase(name);
    copySchema(template(), db);
    return db;
  }

  /**
   * The database of this JVM that Flyway migrated, the source of every {@link #fresh} copy, with each table's
   * {@code CREATE TABLE} statement read once: the template never changes.
   */
  private record Template(DbSettings db, Map<String, String> createByTable) {
  }

  private static synchronized Template template() {
    if (template == null) {
      DbSettings db = server().withDatabase("cs_template_" + UUID.randomUUID().toString().substring(0, 8));
      Migrations.apply(db);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(db)));
      template = new Template(db, createStatements(db));
    }
    return template;
  }

  /**
   * Each table as {@code SHOW CREATE TABLE} gives it: indexes and foreign keys included, which {@code CREATE TABLE
   * ... LIKE} would drop. Foreign keys name their tables without the database, so in a copy they point into it.
   */
  private static Map<String, String> createStatements(DbSettings db) {
    Map<String, String> creates = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         PreparedStatement tables = c.prepareStatement(
           "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'");
         Statement s = c.createStatement()) {
      tables.setString(1, db.database());
      try (ResultSet rs = tables.executeQuery()) {
        while (rs.next()) {
          creates.put(rs.getString(1), null);
        }
      }
      for (String table : creates.keySet()) {
        try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE `" + table + "`")) {
          rs.next();
          creates.put(table, rs.getString(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the test schema of " + db.database(), e);
    }
    return creates;
  }

  /** The template's tables, then their rows (Flyway's history, seeded sequences). */
  private static void copySchema(Template from, DbSettings to) {
    Migrations.createDatabaseIfAbsent(to);
    try (Connection c = DriverManager.getConnection(to.jdbcUrl(), to.user(), to.password());
         Statement s = c.createStatement()) {
      s.execute("SET FOREIGN_KEY_CHECKS = 0");
      for (Map.Entry<String, String> table : from.createByTable().entrySet()) {
        s.execute(table.getValue());
        s.execute("INSERT INTO `" + table.getKey() + "` SELECT * FROM `" + from.db().database() + "`.`" + table.getKey() + "`");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not copy the test schema into " + to.database(), e);
    }
  }

  private static void dropQuietly(DbSettings db) {
    try (Connection c = DriverManager.getConnection(db.jdbcServerUrl(), db.user(), db.password());
         Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS `" + db.database() + "`");
    } catch (SQLException e) {
      // the embedded server may be gone already, and its folder with it
    }
  }
}
