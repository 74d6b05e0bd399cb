package com.chargeshare.loadtest;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Everything a finished run produced, from which the JSON, HTML and console reports are written.
 *
 * @param push null when no WebSocket listeners ran
 */
public record RunReport(String scenario, String engine, String url, Instant startedAt, LoadPlan plan,
                        double measuredSeconds, Recorder recorder, Verifier.Result verification,
                        PushStats push, Fixture fixture, JsonObject scenarioInfo, CpuStats cpu) {

  /** What the WebSocket listeners saw. */
  public record PushStats(int listeners, long matched, long missing, long beforeResponse,
                          long messages, long seqGaps, long unreadable) {
  }

  /** The generator's own CPU use over the load phase. */
  public record CpuStats(double cpuSeconds, double averageLoad, int cores) {
  }

  public long requests() {
    return recorder.totalRequests();
  }

  public double perSecond(long count) {
    return measuredSeconds <= 0 ? 0 : count / measuredSeconds;
  }
}
