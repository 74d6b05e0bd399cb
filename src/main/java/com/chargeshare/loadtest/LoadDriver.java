package com.chargeshare.loadtest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs a scenario under a {@link LoadPlan}: deploys the generator shards, closes a timeline
 * interval every second (on one context, so the recorder's totals have a single writer) and
 * completes once every request sent has its answer.
 */
final class LoadDriver {

  private static final long START_DELAY_NANOS = 100_000_000L;

  private final Vertx vertx;
  private final LoadPlan plan;
  private final Scenario scenario;
  private final Recorder recorder;
  private final GeneratorCpu cpu;
  private final AtomicLong outstanding = new AtomicLong();
  private final RateController fullRate;
  private long startNanos;
  private long measureFromNanos;
  private long sampleTimer;
  private boolean stopped;
  private long lastSampleNanos;
  private double measuredSeconds;
  private boolean cpuFromMeasure;

  LoadDriver(Vertx vertx, LoadPlan plan, Scenario scenario, Recorder recorder, GeneratorCpu cpu) {
    this.vertx = vertx;
    this.plan = plan;
    this.scenario = scenario;
    this.recorder = recorder;
    this.cpu = cpu;
    this.fullRate = plan.open() ? new RateController(plan.rate(), plan.rampUpSeconds(), plan.rampSteps(), 0) : null;
  }

  /** Seconds of the run that count towards the totals (the run after warm-up, plus the drain). */
  double measuredSeconds() {
    return measuredSeconds;
  }

  Future<Void> run(Consumer<TimelinePoint> everySecond) {
    Context sampler = vertx.getOrCreateContext();
    Promise<Void> done = Promise.promise();
    sampler.runOnContext(v -> {
      startNanos = System.nanoTime() + START_DELAY_NANOS;
      measureFromNanos = startNanos + Math.round(plan.warmupSeconds() * 1e9);
      lastSampleNanos = startNanos;
      List<LoadShard> shards = new ArrayList<>();
      List<Future<String>> deployed = new ArrayList<>();
      for (int i = 0; i < plan.shards(); i++) {
        LoadShard shard = new LoadShard(i, plan, startNanos, scenario, recorder, outstanding);
        shards.add(shard);
        deployed.add(vertx.deployVerticle(shard));
      }
      scheduleSamples(1, everySecond);
      Future.all(deployed)
          .compose(d -> Future.all(shards.stream().map(LoadShard::finished).toList()))
          .onComplete(ar -> sampler.runOnContext(x -> {
            stopped = true;
            vertx.cancelTimer(sampleTimer);
            everySecond.accept(sample(System.nanoTime()));
            Future.join(deployed.stream().filter(Future::succeeded)
                    .map(f -> vertx.undeploy(f.result())).toList())
                .onComplete(u -> {
                  if (ar.succeeded()) {
                    done.complete();
                  } else {
                    done.fail(ar.cause());
                  }
                });
          }));
    });
    return done.future();
  }

  /** A one-shot timer per second, aimed at whole seconds after the start so intervals do not drift. */
  private void scheduleSamples(int second, Consumer<TimelinePoint> everySecond) {
    long due = startNanos + second * 1_000_000_000L;
    long delayMs = Math.max(1, (due - System.nanoTime()) / 1_000_000);
    sampleTimer = vertx.setTimer(delayMs, id -> {
      if (!stopped) {
        everySecond.accept(sample(System.nanoTime()));
        scheduleSamples(second + 1, everySecond);
      }
    });
  }

  private TimelinePoint sample(long now) {
    if (!cpuFromMeasure && now >= measureFromNanos - 1_000_000) {
      // the generator's CPU counts from the end of the warm-up, as the requests do: a cold JVM's compiling is not
      // the cost of a request
      cpu.start();
      cpuFromMeasure = true;
    }
    boolean measured = lastSampleNanos >= measureFromNanos - 1_000_000;
    if (measured) {
      measuredSeconds += (now - lastSampleNanos) / 1e9;
    }
    lastSampleNanos = now;
    double rate = fullRate == null ? Double.NaN : fullRate.rateAt(Math.max(0, now - startNanos));
    return recorder.sample((now - startNanos) / 1e9, measured, rate, outstanding.get(), cpu.load());
  }
}
