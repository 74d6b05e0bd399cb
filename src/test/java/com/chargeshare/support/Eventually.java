package com.chargeshare.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The one way tests wait for something that happens in its own time (a server coming up, a database coming back,
 * a counter moving): ask again until it holds or the time is up, then fail saying what was awaited.
 *
 * <pre>Eventually.within(Duration.ofSeconds(30)).until("health is UP", () -&gt; http.get("/health", null).status() == 200);</pre>
 *
 * By default the pause between attempts grows from 20 ms to 500 ms, so a quick answer is seen quickly and a slow
 * one does not keep a loaded machine busy; {@link #every} fixes it. Pages in the browser are awaited with
 * Selenium's own wait ({@link Browser#waiting}), and WebSocket messages with {@link LiveClient#next}.
 */
public final class Eventually {

  private static final Duration FIRST_PAUSE = Duration.ofMillis(20);
  private static final Duration MAX_PAUSE = Duration.ofMillis(500);

  private final Duration timeout;
  private final Duration fixedPause;

  private Eventually(Duration timeout, Duration fixedPause) {
    this.timeout = timeout;
    this.fixedPause = fixedPause;
  }

  /** Timeouts are generous on purpose: on a loaded machine things are slow, and a passing test never waits long. */
  public static Eventually within(Duration timeout) {
    return new Eventually(timeout, null);
  }

  /** The same pause between all attempts, for a check that also acts (sends a batch, then looks). */
  public Eventually every(Duration pause) {
    return new Eventually(timeout, pause);
  }

  /** A check that throws (an assertion, a refused connection) until it holds. */
  @FunctionalInterface
  public interface Check {
    void run() throws Exception;
  }

  /** Waits until {@code condition} is true; an exception from it counts as "not yet" (a server not listening yet). */
  public void until(String what, BooleanSupplier condition) {
    untilAsserted(what, () -> {
      if (!condition.getAsBoolean()) {
        throw NotYet.INSTANCE;
      }
    });
  }

  /** Runs {@code check} until it passes; at the timeout its last failure is thrown, with what was awaited. */
  public void untilAsserted(String what, Check check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pauseMs = (fixedPause != null ? fixedPause : FIRST_PAUSE).toMillis();
    while (true) {
      Throwable last;
      try {
        check.run();
        return;
      } catch (Stop stop) {
        throw stop.failure;
      } catch (AssertionError | Exception e) {
        last = e;
      }
      long leftMs = (deadline - System.nanoTime()) / 1_000_000;
      if (leftMs <= 0) {
        AssertionError timedOut = new AssertionError("not within " + timeout.toMillis() + " ms: " + what
          + (last == NotYet.INSTANCE ? "" : " (last: " + last + ")"));
        if (last != NotYet.INSTANCE) {
          timedOut.initCause(last);
        }
        throw timedOut;
      }
      try {
        Thread.sleep(Math.min(pauseMs, leftMs));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for: " + what, e);
      }
      if (fixedPause == null) {
        pauseMs = Math.min(MAX_PAUSE.toMillis(), pauseMs * 2);
      }
    }
  }

  /** Thrown from a check, ends the wait at once with this failure: waiting longer cannot help (the process died). */
  public static RuntimeException stop(AssertionError failure) {
    return new Stop(failure);
  }

  private static final class NotYet extends RuntimeException {
    static final NotYet INSTANCE = new NotYet();

    private NotYet() {
      super("not yet", null, false, false);
    }
  }

  private static final class Stop extends RuntimeException {
    private final AssertionError failure;

    Stop(AssertionError failure) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
    }
  }
}
