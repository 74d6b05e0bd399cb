package com.chargeshare.loadtest;

/**
 * How hard and how long to drive the server.
 *
 * @param rate           open-model arrival rate per second; NaN selects closed-loop mode
 * @param rampSteps      how many equal steps the ramp-up takes
 * @param connections    HTTP connections; in closed mode also the number of concurrent users
 * @param maxOutstanding in open mode, requests in flight beyond which due requests are dropped
 * @param shards         generator event loops sharing the work
 */
public record LoadPlan(double rate, double rampUpSeconds, int rampSteps, int connections, int maxOutstanding,
                       double warmupSeconds, double durationSeconds, int shards, long seed) {

  public boolean open() {
    return !Double.isNaN(rate);
  }

  public double totalSeconds() {
    return warmupSeconds + durationSeconds;
  }

  /** The expected number of requests in open mode (ramp-up counted at its average rate). */
  public double expectedRequests(double closedRateGuess) {
    if (!open()) {
      return closedRateGuess * totalSeconds();
    }
    double ramp = Math.min(rampUpSeconds, totalSeconds());
    return rate * (totalSeconds() - ramp / 2);
  }
}
