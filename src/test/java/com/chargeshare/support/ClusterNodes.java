package com.chargeshare.support;

import com.chargeshare.db.DbSettings;
import io.vertx.core.json.JsonObject;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Several server nodes of one cluster, each a separate JVM on loopback, on one test database: started from this
 * test's classpath, killed (-9), paused (SIGSTOP), resumed (SIGCONT), stopped (SIGTERM) and restarted. Every
 * process it starts ends in {@link #close()}, and in a shutdown hook should the test JVM itself be stopped.
 */
public final class ClusterNodes implements AutoCloseable {

  private static final Set<Process> ALL = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> ALL.forEach(p -> {
      signal(p, "CONT");
      p.destroyForcibly();
    })));
  }

  private final String label;
  private final DbSettings db;
  private final int shards;
  private final Map<String, String> extraEnv;
  private final List<Node> nodes = new ArrayList<>();
  private final String secret = "cluster-test-secret-0123456789-abcdefghij";

  private ClusterNodes(String label, DbSettings db, int count, int shards, Map<String, String> extraEnv) {
    this.label = label;
    this.db = db;
    this.shards = shards;
    this.extraEnv = extraEnv;
    for (int i = 0; i < count; i++) {
      nodes.add(new Node(i, TestServer.freePort(), TestServer.freePort()));
    }
  }

  /** {@code count} nodes on a fresh database, all up and holding every shard between them. */
  public static ClusterNodes start(String label, int count, int shards, Map<String, String> extraEnv) {
    ClusterNodes cluster = new ClusterNodes(label, TestDatabase.fresh(label), count, shards, extraEnv);
    try {
      // the first node forms the cluster alone, then the others join it (the schema is already in place; all three
      // started at once came up no faster on two cores, and slower for one class)
      cluster.nodes.get(0).start();
      cluster.nodes.get(0).awaitUp(Duration.ofSeconds(120));
      cluster.nodes.stream().skip(1).forEach(Node::start);
      cluster.nodes.forEach(n -> n.awaitUp(Duration.ofSeconds(120)));
      cluster.awaitSettled(Duration.ofSeconds(90));
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  public List<Node> nodes() {
    return nodes;
  }

  public Node node(int i) {
    return nodes.get(i);
  }

  public DbSettings db() {
    return db;
  }

  public int shards() {
    return shards;
  }

  /** Until every running node answers /health and the shards owned add up to all of them, once each. */
  public void awaitSettled(Duration timeout) {
    awaitCondition(timeout, "every shard owned once by the running nodes", () -> {
      List<Node> live = nodes.stream().filter(Node::running).toList();
      int members = live.size();
      int owned = 0;
      for (Node n : live) {
        JsonObject h = n.health();
        if (h == null || h.getJsonObject("cluster").getInteger("members") != members) {
          return false;
        }
        owned += h.getJsonObject("cluster").getInteger("shardsOwned");
      }
      return owned == shards;
    });
  }

  public static void awaitCondition(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // a node is still coming up or going down
      }
      sleep(250);
    }
    throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void signal(Process p, String signal) {
    try {
      new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    nodes.forEach(Node::destroy);
  }

  /** One server JVM of the cluster. */
  public final class Node {
    private final int index;
    private final int httpPort;
    private final int clusterPort;
    private final Http http;
    private Process process;

    Node(int index, int httpPort, int clusterPort) {
      this.index = index;
      this.httpPort = httpPort;
      this.clusterPort = clusterPort;
      this.http = new Http("http://127.0.0.1:" + httpPort);
    }

    public String name() {
      return "node" + index;
    }

    public String url() {
      return http.base();
    }

    public int port() {
      return httpPort;
    }

    public Http http() {
      return http;
    }

    public boolean running() {
      return process != null && process.isAlive();
    }

    public long pid() {
      return process.pid();
    }

    public Path log() {
      return Path.of("target", "cluster-logs", label + "-" + name() + ".log");
    }

    public void start() {
      List<String> members = IntStream.range(0, nodes.size()).filter(i -> i != index)
        .mapToObj(i -> "127.0.0.1:" + nodes.get(i).clusterPort).toList();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), "com.chargeshare.Main")
        .redirectErrorStream(true);
      try {
        Files.createDirectories(log().getParent());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
      Map<String, String> env = pb.environment();
      env.keySet().removeIf(k -> k.startsWith("CHARGESHARE_"));
      env.put("CHARGESHARE_CLUSTER", "true");
      env.put("CHARGESHARE_CLUSTER_HOST", "127.0.0.1");
      env.put("CHARGESHARE_CLUSTER_PORT", String.valueOf(clusterPort));
      env.put("CHARGESHARE_CLUSTER_MEMBERS", String.join(",", members));
      env.put("CHARGESHARE_NODE_NAME", name());
      env.put("CHARGESHARE_HTTP_PORT", String.valueOf(httpPort));
      env.put("CHARGESHARE_HTTP_HOST", "127.0.0.1");
      env.put("CHARGESHARE_DB_URL", db.url());
      env.put("CHARGESHARE_DB_POOL_SIZE", "6");
      env.put("CHARGESHARE_DB_COMMIT_POOL_SIZE", "4");
      env.put("CHARGESHARE_JWT_SECRET", secret);
      env.put("CHARGESHARE_BCRYPT_COST", "4");
      env.put("CHARGESHARE_BOOKING_SHARDS", String.valueOf(shards));
      env.put("CHARGESHARE_ACCESS_LOG", "WARN");
      env.put("CHARGESHARE_DATA_DIR", new File("target/test-data/" + label + "-" + name()).getAbsolutePath());
      env.putAll(extraEnv);
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ALL.add(process);
    }

    public void awaitUp(Duration timeout) {
      awaitCondition(timeout, name() + " answers /health", () -> {
        if (!running()) {
          throw new AssertionError(name() + " exited; see " + log());
        }
        return health() != null;
      });
    }

    /** The /health body while the node answers 200, else null. */
    public JsonObject health() {
      try {
        Http.Response r = http.send(http.request("GET", "/health", null, null).timeout(Duration.ofSeconds(3)).build());
        return r.status() == 200 ? r.json() : null;
      } catch (RuntimeException e) {
        return null;
      }
    }

    public int shardsOwned() {
      JsonObject h = health();
      return h == null ? 0 : h.getJsonObject("cluster").getInteger("shardsOwned");
    }

    /** Dies at once: no handover, no goodbye to the cluster. */
    public void kill9() {
      process.destroyForcibly();
      waitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: the graceful leave. */
    public void stop() {
      process.destroy();
      waitExit(Duration.ofSeconds(90));
    }

    public void pause() {
      signal(process, "STOP");
    }

    public void resume() {
      signal(process, "CONT");
    }

    void destroy() {
      if (process != null && process.isAlive()) {
        signal(process, "CONT");
        process.destroyForcibly();
        waitExit(Duration.ofSeconds(30));
      }
    }

    private void waitExit(Duration timeout) {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ALL.remove(process);
    }

    /** Log lines that match, for assertions about what a node did. */
    public List<String> logLines(Predicate<String> match) {
      try {
        return Files.readAllLines(log()).stream().filter(match).toList();
      } catch (IOException e) {
        return List.of();
      }
    }
  }
}
