package com.chargeshare.loadtest;

import java.lang.management.ManagementFactory;

/**
 * The load generator's own CPU use in the measured part of a run (after the warm-up), so a report can show the
 * generator was not the bottleneck and what a request costs it.
 * Uses the HotSpot extension of the OS MX bean where available.
 */
final class GeneratorCpu {

  private final com.sun.management.OperatingSystemMXBean os;
  private long startCpuNanos;
  private long startWallNanos;

  GeneratorCpu() {
    java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
    this.os = bean instanceof com.sun.management.OperatingSystemMXBean hotspot ? hotspot : null;
  }

  void start() {
    startCpuNanos = cpuNanos();
    startWallNanos = System.nanoTime();
  }

  /** Recent CPU load of this process, 0..1 of the whole machine; NaN when unknown. */
  double load() {
    if (os == null) {
      return Double.NaN;
    }
    double load = os.getProcessCpuLoad();
    return load < 0 ? Double.NaN : load;
  }

  /** CPU seconds this process used since {@link #start()}. */
  double cpuSeconds() {
    return (cpuNanos() - startCpuNanos) / 1e9;
  }

  /** Average share of the whole machine used since {@link #start()}, 0..1. */
  double averageLoad() {
    double wall = (System.nanoTime() - startWallNanos) / 1e9;
    return wall <= 0 ? 0 : cpuSeconds() / wall / cores();
  }

  int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private long cpuNanos() {
    return os == null ? 0 : Math.max(0, os.getProcessCpuTime());
  }
}
