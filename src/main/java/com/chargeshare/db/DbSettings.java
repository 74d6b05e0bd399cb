package com.chargeshare.db;

import io.vertx.mysqlclient.MySQLConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Where the database is: parsed once from {@code mysql://user:password@host:port/database}, and optionally the
 * server's Unix domain socket on this machine ({@code socket}, an absolute path), which the node's pools then connect
 * through instead of TCP: the same server, without the TCP stack on either side of every statement. Migrations (JDBC)
 * always use host and port.
 */
public record DbSettings(String host, int port, String database, String user, String password, String socket) {

  /** The longest socket path the kernel takes (sun_path holds 108 bytes with its terminating zero). */
  public static final int MAX_SOCKET_PATH_BYTES = 107;

  private static final Logger log = LoggerFactory.getLogger(DbSettings.class);

  public DbSettings {
    if (socket != null && socket.isBlank()) {
      socket = null;
    }
    if (socket != null && (!socket.startsWith("/") || !socketPathFits(socket))) {
      throw new IllegalArgumentException("CHARGESHARE_DB_SOCKET must be an absolute path of at most "
        + MAX_SOCKET_PATH_BYTES + " bytes");
    }
  }

  /** Whether a socket address holds this path. */
  public static boolean socketPathFits(String path) {
    return path.getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES;
  }

  /** Over TCP only. */
  public DbSettings(String host, int port, String database, String user, String password) {
    this(host, port, database, user, password, null);
  }

  public static DbSettings parse(String url) {
    if (url == null || !url.startsWith("mysql://")) {
      throw new IllegalArgumentException("database URL must look like mysql://user:password@host:port/database");
    }
    MySQLConnectOptions o = MySQLConnectOptions.fromUri(url);
    return new DbSettings(o.getHost(), o.getPort(), o.getDatabase(), o.getUser(),
      o.getPassword() == null ? "" : o.getPassword());
  }

  public DbSettings withDatabase(String name) {
    return new DbSettings(host, port, name, user, password, socket);
  }

  /** The same server reached through its Unix domain socket at {@code path} (null: over TCP). */
  public DbSettings withSocket(String path) {
    return new DbSettings(host, port, database, user, password, path);
  }

  /**
   * The reactive client's options: through the socket when one is set and the node runs on a native transport
   * (Netty reaches domain sockets only through one), else over TCP to host and port.
   */
  public MySQLConnectOptions connectOptions(boolean nativeTransport) {
    boolean viaSocket = socket != null && nativeTransport;
    if (socket != null && !nativeTransport) {
      log.warn("The database socket is set but the node runs on the JDK's NIO transport, which cannot reach it: "
        + "connecting to {}:{} over TCP", host, port);
    }
    return new MySQLConnectOptions()
      .setHost(viaSocket ? socket : host).setPort(port).setDatabase(database).setUser(user).setPassword(password)
      .setCharset("utf8mb4")
      .setCachePreparedStatements(true)
      .setPreparedStatementCacheMaxSize(512)
      .setPipeliningLimit(32);
  }

  public String jdbcUrl() {
    return "jdbc:mariadb://" + host + ":" + port + "/" + database;
  }

  /** The server without a database selected: used to create one. */
  public String jdbcServerUrl() {
    return "jdbc:mariadb://" + host + ":" + port + "/";
  }

  /** The URL form CHARGESHARE_DB_URL takes. */
  public String url() {
    String auth = password.isEmpty() ? user : user + ":" + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
    return "mysql://" + auth + "@" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "mysql://" + user + "@" + host + ":" + port + "/" + database + (socket == null ? "" : " (socket " + socket + ")");
  }
}
