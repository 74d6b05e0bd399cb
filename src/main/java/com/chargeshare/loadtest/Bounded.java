package com.chargeshare.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs {@code count} asynchronous tasks with at most {@code parallelism} in flight, so that set-up
 * and verification do not flood the server (registration hashes passwords with bcrypt).
 */
final class Bounded {

  private Bounded() {
  }

  /** Results in index order; fails with the first failure, after the tasks already started end. */
  static <T> Future<List<T>> run(int count, int parallelism, IntFunction<Future<T>> task) {
    List<T> results = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(count, null)));
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < Math.min(parallelism, count); lane++) {
      Promise<Void> done = Promise.promise();
      runNext(next, count, task, results, done);
      lanes.add(done.future());
    }
    return Future.all(lanes).map(v -> Collections.unmodifiableList(new ArrayList<>(results)));
  }

  private static <T> void runNext(AtomicInteger next, int count, IntFunction<Future<T>> task,
                                  List<T> results, Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= count) {
      done.complete();
      return;
    }
    task.apply(i).onComplete(ar -> {
      if (ar.failed()) {
        next.set(count);
        done.fail(ar.cause());
      } else {
        results.set(i, ar.result());
        runNext(next, count, task, results, done);
      }
    });
  }
}
