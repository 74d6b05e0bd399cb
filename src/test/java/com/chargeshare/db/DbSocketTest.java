package com.chargeshare.db;

import com.chargeshare.config.AppConfig;
import com.chargeshare.support.Http;
import com.chargeshare.support.Session;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestDatabase;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("The database reached through its Unix domain socket (db.socket, CHARGESHARE_DB_SOCKET)")
class DbSocketTest {

  @Test
  @DisplayName("off by default; the variable sets it; a relative or over-long path is refused at start, a blank one means TCP")
  void setting() {
    assertThat(AppConfig.fromJson(new JsonObject()).db().socket()).isNull();
    assertThat(AppConfig.fromJson(new JsonObject()).withEnv(Map.of("CHARGESHARE_DB_SOCKET", "/run/mysqld/mysqld.sock")).db().socket())
      .isEqualTo("/run/mysqld/mysqld.sock");
    DbSettings tcp = DbSettings.parse("mysql://app@db.internal:3307/cs");
    assertThat(tcp.withSocket(" ").socket()).isNull();
    assertThatThrownBy(() -> tcp.withSocket("run/mysqld.sock")).isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("CHARGESHARE_DB_SOCKET");
    assertThatThrownBy(() -> tcp.withSocket("/" + "s".repeat(DbSettings.MAX_SOCKET_PATH_BYTES)))
      .isInstanceOf(IllegalArgumentException.class);
    assertThat(tcp.withSocket("/run/mysqld/mysqld.sock").withDatabase("other").socket()).isEqualTo("/run/mysqld/mysqld.sock");
  }

  @Test
  @DisplayName("the pools take the socket on a native transport and host:port on NIO, which cannot reach one")
  void connectOptions() {
    DbSettings db = DbSettings.parse("mysql://app@db.internal:3307/cs").withSocket("/run/mysqld/mysqld.sock");
    assertThat(db.connectOptions(true).isUsingDomainSocket()).isTrue();
    assertThat(db.connectOptions(true).getHost()).isEqualTo("/run/mysqld/mysqld.sock");
    assertThat(db.connectOptions(false).isUsingDomainSocket()).isFalse();
    assertThat(db.connectOptions(false).getHost()).isEqualTo("db.internal");
    assertThat(db.connectOptions(false).getPort()).isEqualTo(3307);
    assertThat(db.toString()).contains("socket /run/mysqld/mysqld.sock").doesNotContain("password");
  }

  @Test
  @DisplayName("the embedded MariaDB's socket lies beside its data, unless that path is too long for a socket address")
  void embeddedSocket() {
    assertThat(EmbeddedMariaDb.socketOf(Path.of("/srv/chargeshare/data/mariadb"))).isEqualTo("/srv/chargeshare/data/mariadb/mysqld.sock");
    assertThat(EmbeddedMariaDb.socketOf(Path.of("/" + "d".repeat(100)))).isNull();
  }

  @Test
  @DisplayName("a node given the test server's socket books through it: every connection of its database is a socket one")
  void booksThroughTheSocket() {
    DbSettings db = TestDatabase.fresh("db-socket");
    String socket = String.valueOf(Sql.rows(db, "SELECT @@socket AS s").get(0).get("s"));
    assumeTrue(isLocal(db.host()) && Files.exists(Path.of(socket)), "the test database server has no socket on this machine");
    try (TestServer server = TestServer.start(db, new JsonObject().put("db", new JsonObject().put("socket", socket)))) {
      assumeTrue(server.app().vertx().isNativeTransportEnabled(), "no native transport on this platform");
      Http http = new Http(server.url());
      Session host = Session.register(http, "HOST", "Socket host");
      Session driver = Session.register(http, "DRIVER", "Socket driver");
      long charger = http.createCharger(host.token());
      Instant start = Http.hoursAhead(30);
      var booked = http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))), driver.token());
      assertThat(booked.status()).isEqualTo(201);
      long id = booked.json().getJsonObject("booking").getLong("id");
      assertThat(Sql.count(db, "SELECT COUNT(*) FROM bookings WHERE id = ? AND status = 'CONFIRMED'", id)).isEqualTo(1);
      // a TCP client shows as address:port in the process list; a socket client as localhost or nothing
      List<Map<String, Object>> conns = Sql.rows(db, "SELECT HOST AS h FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()",
        db.database());
      assertThat(conns).as("the node's connections").isNotEmpty();
      assertThat(conns).allSatisfy(c -> assertThat(String.valueOf(c.get("h"))).doesNotContain(":"));
    }
  }

  private static boolean isLocal(String host) {
    return "127.0.0.1".equals(host) || "localhost".equals(host);
  }
}
