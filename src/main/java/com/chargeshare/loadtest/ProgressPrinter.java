package com.chargeshare.loadtest;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The live progress line on stderr, once a second: elapsed time, target and achieved rate, running
 * counts, p99 of the last second and of the measured run so far. Rewrites one line on a terminal,
 * prints one line per second otherwise (logs, CI).
 */
final class ProgressPrinter {

  private final PrintWriter err;
  private final Recorder recorder;
  private final boolean terminal;
  private long confirmed;
  private long rejected;
  private long errors;

  ProgressPrinter(PrintWriter err, Recorder recorder, boolean terminal) {
    this.err = err;
    this.recorder = recorder;
    this.terminal = terminal;
  }

  void print(TimelinePoint point) {
    confirmed += point.confirmed();
    rejected += point.rejected();
    errors += point.errors();
    double runP99 = LatencySummary.ms(recorder.latency().getTotalCount() == 0
        ? 0 : recorder.latency().getValueAtPercentile(99));
    String target = Double.isNaN(point.targetRate()) ? "closed" : String.format(Locale.ROOT, "%.0f/s", point.targetRate());
    String line = String.format(Locale.ROOT,
        "%s%6.1fs  target %-8s rate %7d/s  confirmed %9d  rejected %9d  errors %7d  p99 %8.2f ms (run %8.2f)  in-flight %6d  cpu %3.0f%%",
        point.warmup() ? "warmup " : "", point.t(), target, point.requests(), confirmed, rejected, errors,
        point.latency().p99(), runP99, point.outstanding(),
        Double.isNaN(point.generatorCpu()) ? 0 : point.generatorCpu() * 100);
    if (terminal) {
      err.print("\r" + line);
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** Ends the rewritten line so later output starts on a fresh one. */
  void finish() {
    if (terminal) {
      err.println();
      err.flush();
    }
  }
}
