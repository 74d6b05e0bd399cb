package com.chargeshare.db;

import io.vertx.mysqlclient.MySQLConnectOptions;

/** Where the database is: parsed once from {@code mysql://user:password@host:port/database}. */
public record DbSettings(String host, int port, String database, String user, String password) {

  public static DbSettings parse(String url) {
    if (url == null || !url.startsWith("mysql://")) {
      throw new IllegalArgumentException("database URL must look like mysql://user:password@host:port/database");
    }
    MySQLConnectOptions o = MySQLConnectOptions.fromUri(url);
    return new DbSettings(o.getHost(), o.getPort(), o.getDatabase(), o.getUser(),
      o.getPassword() == null ? "" : o.getPassword());
  }

  public DbSettings withDatabase(String name) {
    return new DbSettings(host, port, name, user, password);
  }

  public MySQLConnectOptions connectOptions() {
    return new MySQLConnectOptions()
      .setHost(host).setPort(port).setDatabase(database).setUser(user).setPassword(password)
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
    String auth = password.isEmpty() ? user : user + ":" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8);
    return "mysql://" + auth + "@" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "mysql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
