package com.chargeshare.loadtest;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One generator event loop. In open mode it owns a slice of the arrival schedule (rate divided by
 * the shard count, phase-shifted so shards interleave) and checks it every millisecond; in closed
 * mode it runs its share of the virtual users, each sending again as soon as it has an answer.
 */
final class LoadShard extends VerticleBase {

  private final int index;
  private final LoadPlan plan;
  private final long startNanos;
  private final long endNanos;
  private final Scenario scenario;
  private final Recorder recorder;
  private final AtomicLong outstanding;
  private final Promise<Void> finished = Promise.promise();
  private SplittableRandom random;
  private OpenLoop openLoop;
  private long timerId = -1;
  private boolean scheduling = true;
  private int inFlight;
  private static final long CALL_GUARD_MS = 60_000;
  private int activeUsers;

  LoadShard(int index, LoadPlan plan, long startNanos, Scenario scenario, Recorder recorder, AtomicLong outstanding) {
    this.index = index;
    this.plan = plan;
    this.startNanos = startNanos;
    this.endNanos = startNanos + Math.round(plan.totalSeconds() * 1e9);
    this.scenario = scenario;
    this.recorder = recorder;
    this.outstanding = outstanding;
  }

  /** Completes when this shard has stopped sending and every request it sent has an answer. */
  Future<Void> finished() {
    return finished.future();
  }

  @Override
  public Future<?> start() {
    random = new SplittableRandom(plan.seed() * 1_000_003L + index);
    long delayMs = Math.max(1, (startNanos - System.nanoTime()) / 1_000_000);
    vertx.setTimer(delayMs, t -> {
      if (plan.open()) {
        startOpen();
      } else {
        startClosed();
      }
    });
    return Future.succeededFuture();
  }

  private void startOpen() {
    int shards = plan.shards();
    RateController schedule = new RateController(plan.rate() / shards, plan.rampUpSeconds(), plan.rampSteps(),
        index * 1e9 / plan.rate());
    openLoop = new OpenLoop(schedule, startNanos, endNanos, Math.max(1, plan.maxOutstanding() / shards),
        new OpenLoop.Sink() {
          @Override
          public void send(long intendedNanos) {
            fire(intendedNanos, LoadShard.this::openCompleted);
          }

          @Override
          public void drop(long intendedNanos) {
            recorder.recordDropped();
          }
        });
    tick();
    if (scheduling) {
      timerId = vertx.setPeriodic(1, id -> tick());
    }
  }

  private void tick() {
    if (!openLoop.tick(System.nanoTime())) {
      scheduling = false;
      if (timerId >= 0) {
        vertx.cancelTimer(timerId);
      }
      finishIfDone();
    }
  }

  private void openCompleted() {
    openLoop.completed();
    finishIfDone();
  }

  private void startClosed() {
    int users = plan.connections() / plan.shards() + (index < plan.connections() % plan.shards() ? 1 : 0);
    activeUsers = users;
    for (int i = 0; i < users; i++) {
      nextClosed();
    }
    scheduling = false;
    finishIfDone();
  }

  private void nextClosed() {
    long now = System.nanoTime();
    if (now >= endNanos) {
      activeUsers--;
      finishIfDone();
      return;
    }
    // in closed mode the intended time is the send time: each user waits for its answer
    fire(now, this::nextClosed);
  }

  /**
   * Sends one request and records its latency from {@code intendedNanos}; {@code then} runs on
   * this shard's event loop once the answer is recorded.
   */
  private void fire(long intendedNanos, Runnable then) {
    inFlight++;
    outstanding.incrementAndGet();
    Future<CallResult> call;
    try {
      call = scenario.fire(random);
    } catch (RuntimeException e) {
      call = Future.failedFuture(e);
    }
    // a call that never completes (seen when a client-side timeout races a pooled connection) must not hang
    // the run: past a generous bound it counts as an error
    io.vertx.core.Promise<CallResult> answered = io.vertx.core.Promise.promise();
    long guard = vertx.setTimer(CALL_GUARD_MS, t -> answered.tryFail(new java.util.concurrent.TimeoutException("no answer")));
    call.onComplete(ar -> {
      vertx.cancelTimer(guard);
      if (ar.succeeded()) {
        answered.tryComplete(ar.result());
      } else {
        answered.tryFail(ar.cause());
      }
    });
    answered.future().onComplete(ar -> {
      long latency = System.nanoTime() - intendedNanos;
      if (Vertx.currentContext() == context) {
        completed(ar, latency, then);
      } else {
        context.runOnContext(v -> completed(ar, latency, then));
      }
    });
  }

  private void completed(AsyncResult<CallResult> ar, long latencyNanos, Runnable then) {
    inFlight--;
    outstanding.decrementAndGet();
    recorder.record(ar.succeeded() ? ar.result() : new CallResult(OpKind.BOOK, Outcome.ERROR,
        "generator-" + ar.cause().getClass().getSimpleName()), latencyNanos);
    then.run();
  }

  private void finishIfDone() {
    if (!scheduling && inFlight == 0 && activeUsers <= 0) {
      finished.tryComplete();
    }
  }
}
