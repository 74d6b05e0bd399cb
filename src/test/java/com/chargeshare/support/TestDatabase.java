package com.chargeshare.support;

import com.chargeshare.db.DbSettings;
import com.chargeshare.db.Migrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

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

  /** A new, empty database on the test server (the server under test migrates it). */
  public static DbSettings fresh(String label) {
    String name = "cs_" + label.toLowerCase().replaceAll("[^a-z0-9]", "").replaceAll("^(.{0,20}).*", "$1") + "_"
      + UUID.randomUUID().toString().substring(0, 8);
    DbSettings db = server().withDatabase(name);
    Migrations.createDatabaseIfAbsent(db);
    return db;
  }
}
