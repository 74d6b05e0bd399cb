package com.chargeshare.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code loadtest}: sets up its own hosts, drivers and chargers through the public API, drives the
 * server with one scenario, re-reads every booking to verify the run, and writes JSON and HTML
 * reports. Exit code 0 when the run completed and verification passed, 1 when verification
 * found double bookings or lost confirmations, 2 when the run could not complete.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
    description = "Load-tests a running EV ChargeShare server and verifies it kept its booking promises.",
    sortOptions = false,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:run completed and verification passed",
        "1:verification found double bookings or missing confirmed bookings",
        "2:the run could not complete (server unreachable, set-up refused, bad options)"})
public final class LoadTestCommand implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_VERIFICATION_FAILED = 1;
  static final int EXIT_RUN_FAILED = 2;

  private static final Set<String> SCENARIOS = Set.of("contention", "spread", "mixed");
  /** Sizes spread's charger pool in closed mode, where the request count is not known ahead. */
  private static final double CLOSED_RATE_GUESS = 25_000;
  private static final long PUSH_GRACE_MS = 3_000;

  @Spec
  CommandSpec spec;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "Base URL of the server, e.g. http://localhost:8080; several nodes of a cluster comma-separated "
      + "(http://a:8080,http://b:8080): requests and listeners are spread over them")
  String url;

  @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "spread",
      description = "contention, spread or mixed (default: ${DEFAULT-VALUE})")
  String scenario;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30",
      description = "Measured load time after the warm-up (default: ${DEFAULT-VALUE})")
  double durationSeconds;

  @Option(names = "--report", paramLabel = "FILE", defaultValue = "loadtest-report.json",
      description = "JSON report; the HTML report goes next to it with .html (default: ${DEFAULT-VALUE})")
  Path report;

  @Option(names = "--rate", paramLabel = "R",
      description = "Open model: R requests/s at intended send times; absent runs closed-loop at full speed")
  Double rate;

  @Option(names = "--connections", paramLabel = "N", defaultValue = "64",
      description = "HTTP connections (closed loop: concurrent users) (default: ${DEFAULT-VALUE})")
  int connections;

  @Option(names = "--ramp-up", paramLabel = "SECONDS", defaultValue = "0",
      description = "Open model: reach --rate in equal steps over this time (default: ${DEFAULT-VALUE})")
  double rampUpSeconds;

  @Option(names = "--ramp-steps", paramLabel = "N",
      description = "Number of ramp-up steps (default: one per second of ramp-up)")
  Integer rampSteps;

  @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "0",
      description = "Load before the measured part, left out of the figures (default: ${DEFAULT-VALUE})")
  double warmupSeconds;

  @Option(names = "--chargers", paramLabel = "N",
      description = "Chargers to create (default: contention 3, mixed 200, spread 200 or more so slots never run out)")
  Integer chargers;

  @Option(names = "--drivers", paramLabel = "N",
      description = "Drivers to register; each costs a bcrypt hash on the server (default: 40, or enough to book "
          + "within the server's limits below, at most " + DriverPool.AUTO_MAX + ")")
  Integer drivers;

  @Option(names = "--max-upcoming-per-driver", paramLabel = "N", defaultValue = "5",
      description = "The server's CHARGESHARE_MAX_UPCOMING_PER_DRIVER; no driver is sent for more (0 = the server has no limit) "
          + "(default: ${DEFAULT-VALUE})")
  int maxUpcomingPerDriver;

  @Option(names = "--attempts-per-minute", paramLabel = "N", defaultValue = "60",
      description = "The server's CHARGESHARE_BOOKING_ATTEMPTS_PER_MINUTE; no driver sends more booking requests a minute "
          + "(0 = the server has no limit) (default: ${DEFAULT-VALUE})")
  int attemptsPerMinute;

  @Option(names = "--allow-driver-overlap",
      description = "The server runs with CHARGESHARE_ALLOW_DRIVER_OVERLAP=true: a driver may be sent for overlapping windows")
  boolean allowDriverOverlap;

  @Option(names = "--hosts", paramLabel = "N", defaultValue = "4", description = "Hosts to register (default: ${DEFAULT-VALUE})")
  int hosts;

  @Option(names = "--listeners", paramLabel = "N",
      description = "WebSocket listeners measuring push latency (default: 8 for mixed, else 0)")
  Integer listeners;

  @Option(names = "--hot-slots", paramLabel = "N", defaultValue = "20",
      description = "contention: slots raced for on each hot charger (default: ${DEFAULT-VALUE})")
  int hotSlots;

  @Option(names = "--days-ahead", paramLabel = "DAYS", defaultValue = "28",
      description = "spread: book within this many days (1..29) (default: ${DEFAULT-VALUE})")
  int daysAhead;

  @Option(names = "--mix", paramLabel = "WEIGHTS", defaultValue = "search=30,slots=40,book=22,cancel=8",
      description = "mixed: relative weights of request kinds (default: ${DEFAULT-VALUE})")
  String mix;

  @Option(names = "--engine-label", paramLabel = "TEXT",
      description = "Engine name for the report (default: read from /health or /metrics, else 'unknown')")
  String engineLabel;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed, for repeatable workloads (default: random)")
  Long seed;

  @Option(names = "--max-outstanding", paramLabel = "N", defaultValue = "20000",
      description = "Open model: requests in flight beyond which due requests are dropped and counted as errors (default: ${DEFAULT-VALUE})")
  int maxOutstanding;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "Per-request timeout; a timed-out request is an error (default: ${DEFAULT-VALUE})")
  double timeoutSeconds;

  @Option(names = "--shards", paramLabel = "N",
      description = "Generator event loops (default: number of CPU cores)")
  Integer shards;

  @Option(names = "--setup-parallelism", paramLabel = "N", defaultValue = "8",
      description = "Concurrent set-up and verification requests (default: ${DEFAULT-VALUE})")
  int setupParallelism;

  @Option(names = "--fixture-out", paramLabel = "FILE", description = "Only create the accounts and chargers and write "
      + "them to FILE (lines 'driver <Authorization header>' and 'charger <id>'), for another load generator such as "
      + "wrk (bench/wrk.sh); no load is sent")
  Path fixtureOut;

  @Option(names = "--quiet", description = "No live progress line")
  boolean quiet;

  @Override
  public Integer call() {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Netty's native epoll where it loads (the jar carries it), as the server: the JDK's NIO costs the generator more
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    ApiClient api = null;
    try {
      api = new ApiClient(vertx, urls(), connections, Math.round(timeoutSeconds * 1000));
      return run(vertx, api, api.base(), out, err);
    } catch (RuntimeException | java.io.IOException e) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      err.println("loadtest failed: " + cause.getMessage());
      err.flush();
      return EXIT_RUN_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return EXIT_RUN_FAILED;
    } finally {
      if (api != null) {
        api.close();
      }
      await(vertx.close());
    }
  }

  private int run(Vertx vertx, ApiClient api, URI base, PrintWriter out, PrintWriter err)
      throws java.io.IOException, InterruptedException {
    long actualSeed = seed != null ? seed : new SecureRandom().nextLong();
    int shardCount = shards != null ? shards : Runtime.getRuntime().availableProcessors();
    if (rate == null) {
      shardCount = Math.min(shardCount, connections);
    }
    int steps = rampSteps != null ? rampSteps : (int) Math.max(1, Math.round(rampUpSeconds));
    LoadPlan plan = new LoadPlan(rate == null ? Double.NaN : rate, rampUpSeconds, steps, connections,
        maxOutstanding, warmupSeconds, durationSeconds, Math.max(1, shardCount), actualSeed);

    String engine = engineLabel != null ? engineLabel : await(EngineProbe.detect(api));
    int chargerCount = chargers != null ? chargers
        : Scenario.defaultChargers(scenario, plan.expectedRequests(CLOSED_RATE_GUESS), daysAhead);
    String runId = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    int driverCount = drivers != null ? drivers : DriverPool.enough(plan.expectedRequests(CLOSED_RATE_GUESS),
        plan.open() ? plan.rate() : CLOSED_RATE_GUESS, maxUpcomingPerDriver, attemptsPerMinute);
    status(err, "loadtest %s against %s (engine %s): creating %d hosts, %d drivers, %d chargers", scenario, base,
        engine, hosts, driverCount, chargerCount);
    Fixture fixture = await(Fixture.create(api, runId, hosts, driverCount, chargerCount, setupParallelism, actualSeed));
    status(err, "set-up took %.1f s", fixture.setupSeconds());
    if (fixtureOut != null) {
      List<String> lines = new java.util.ArrayList<>();
      fixture.drivers().forEach(d -> lines.add("driver " + d.bearer()));
      fixture.chargers().forEach(c -> lines.add("charger " + c.id()));
      java.nio.file.Files.write(fixtureOut, lines);
      status(err, "fixture written to %s", fixtureOut);
      return EXIT_OK;
    }

    BookingLedger ledger = new BookingLedger();
    Recorder recorder = new Recorder();
    DriverPool pool = new DriverPool(fixture.drivers(), allowDriverOverlap, maxUpcomingPerDriver,
        attemptsPerMinute);
    Scenario workload = Scenario.create(scenario, new Scenario.Context(api, fixture, ledger, pool,
        Instant.now().getEpochSecond(), (long) Math.ceil(plan.totalSeconds()), daysAhead, hotSlots, Mix.parse(mix)));

    int listenerCount = listeners != null ? listeners : "mixed".equals(scenario) ? 8 : 0;
    PushTracker tracker = null;
    AvailabilityListeners sockets = null;
    if (listenerCount > 0) {
      tracker = new PushTracker(listenerCount, recorder);
      ledger.onConfirmation(tracker);
      sockets = new AvailabilityListeners(vertx, api.bases(), tracker, listenerCount);
      await(sockets.start(listenerCount, workload.watchedChargers()));
      status(err, "%d WebSocket listeners subscribed", listenerCount);
    }

    GeneratorCpu cpu = new GeneratorCpu();
    ProgressPrinter progress = new ProgressPrinter(err, recorder, System.console() != null);
    LoadDriver driver = new LoadDriver(vertx, plan, workload, recorder, cpu);
    Instant startedAt = Instant.now();
    cpu.start();
    await(driver.run(point -> {
      if (!quiet) {
        progress.print(point);
      }
    }));
    if (!quiet) {
      progress.finish();
    }
    RunReport.CpuStats cpuStats = new RunReport.CpuStats(cpu.cpuSeconds(), cpu.averageLoad(), cpu.cores());

    RunReport.PushStats push = null;
    if (sockets != null) {
      long until = System.currentTimeMillis() + PUSH_GRACE_MS;
      while (tracker.missing() > 0 && System.currentTimeMillis() < until) {
        Thread.sleep(50);
      }
      recorder.collectLatePushes();
      push = new RunReport.PushStats(listenerCount, tracker.matched(), tracker.missing(),
          tracker.pushesBeforeResponse(), sockets.messages(), sockets.seqGaps(), sockets.unreadable());
      await(sockets.close());
    }

    status(err, "verifying: reading back the bookings of %d chargers", fixture.chargers().size());
    List<ServerBooking> onServer = await(BookingReader.confirmedOn(api, fixture.chargers(), setupParallelism));
    Verifier.Result verification = Verifier.verify(onServer, ledger);

    RunReport result = new RunReport(scenario, engine, String.join(",", api.bases().stream().map(URI::toString).toList()), startedAt, plan, driver.measuredSeconds(),
        recorder, verification, push, fixture, workload.describe(), cpuStats);
    JsonObject json = ReportWriter.toJson(result);
    ReportWriter.write(result, json, report);
    ConsoleSummary.print(out, json);
    out.println("  report             " + report + " and " + ReportWriter.htmlPathFor(report));
    out.flush();
    return verification.ok() ? EXIT_OK : EXIT_VERIFICATION_FAILED;
  }

  private void validate() {
    String problem = null;
    if (!SCENARIOS.contains(scenario)) {
      problem = "--scenario must be one of contention, spread, mixed";
    } else if (!(durationSeconds > 0)) {
      problem = "--duration must be > 0";
    } else if (rate != null && !(rate > 0)) {
      problem = "--rate must be > 0";
    } else if (maxUpcomingPerDriver < 0 || attemptsPerMinute < 0) {
      problem = "--max-upcoming-per-driver and --attempts-per-minute must be >= 0";
    } else if (connections < 1 || drivers != null && drivers < 1 || hosts < 1 || hotSlots < 1 || setupParallelism < 1 || maxOutstanding < 1) {
      problem = "--connections, --drivers, --hosts, --hot-slots, --setup-parallelism and --max-outstanding must be >= 1";
    } else if (chargers != null && chargers < 1) {
      problem = "--chargers must be >= 1";
    } else if (daysAhead < 1 || daysAhead > 29) {
      problem = "--days-ahead must be within 1..29 (the server takes bookings up to 30 days ahead)";
    } else if (rampUpSeconds < 0 || warmupSeconds < 0 || !(timeoutSeconds > 0)) {
      problem = "--ramp-up and --warmup must be >= 0, --timeout > 0";
    } else if ((rampSteps != null && rampSteps < 1) || (shards != null && shards < 1) || (listeners != null && listeners < 0)) {
      problem = "--ramp-steps and --shards must be >= 1, --listeners >= 0";
    } else {
      try {
        Mix.parse(mix);
        if (urls().isEmpty()) {
          problem = "--url needs at least one http(s) URL";
        }
        for (URI base : urls()) {
          if (base.getHost() == null || !Set.of("http", "https").contains(String.valueOf(base.getScheme()).toLowerCase())) {
            problem = "--url must be http(s) URLs such as http://localhost:8080 (several comma-separated)";
          }
        }
      } catch (IllegalArgumentException e) {
        problem = "bad --mix or --url: " + e.getMessage();
      }
    }
    if (problem != null) {
      throw new ParameterException(spec.commandLine(), problem);
    }
  }

  /** {@code --url} names one node or several, comma-separated; requests are spread over them. */
  private List<URI> urls() {
    return java.util.Arrays.stream(url.split(",")).map(String::trim).filter(u -> !u.isEmpty())
      .map(u -> URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u)).toList();
  }

  private void status(PrintWriter err, String format, Object... args) {
    if (!quiet) {
      err.println(String.format(java.util.Locale.ROOT, format, args));
      err.flush();
    }
  }

  /** Blocks the command's own thread (never an event loop) until the future completes. */
  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
    }
  }
}
