package com.chargeshare.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The access log's encoder writes the same lines as the logs' text pattern")
class AccessLineEncoderTest {

  /** The pattern of the TEXT appender in logback.xml. */
  private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n";

  @Test
  @DisplayName("byte for byte, over random times (DST changes and negative epochs included), levels, threads and loggers")
  void sameAsPattern() {
    for (String zone : List.of("UTC", "Asia/Kolkata", "Europe/Berlin", "America/St_Johns")) {
      TimeZone saved = TimeZone.getDefault();
      TimeZone.setDefault(TimeZone.getTimeZone(zone));
      try {
        LoggerContext context = new LoggerContext();
        PatternLayoutEncoder reference = new PatternLayoutEncoder();
        reference.setContext(context);
        reference.setPattern(PATTERN);
        reference.start();
        AccessLineEncoder encoder = new AccessLineEncoder(ZoneId.of(zone));
        encoder.setContext(context);
        encoder.start();
        SplittableRandom random = new SplittableRandom(zone.hashCode());
        List<String> loggers = List.of("io.vertx.ext.web.handler.LoggerHandler", "com.chargeshare.App", "x");
        List<Level> levels = List.of(Level.INFO, Level.WARN, Level.ERROR, Level.DEBUG);
        long at = -2_000_000_000_000L;
        for (int i = 0; i < 20_000; i++) {
          // runs of events within one second, then a jump: the cached second is reused and replaced
          at += random.nextInt(10) == 0 ? random.nextLong(1, 40_000_000_000L) : random.nextLong(0, 400);
          LoggingEvent event = new LoggingEvent("x", context.getLogger(loggers.get(i % loggers.size())),
            levels.get(random.nextInt(levels.size())), "127.0.0.1 GET /api/chargers?near=* HTTP_1_1 200 " + i + " ms ✓",
            null, null);
          event.setTimeStamp(at);
          event.setThreadName("vert.x-eventloop-thread-" + random.nextInt(4));
          assertThat(new String(encoder.encode(event), StandardCharsets.UTF_8))
            .as("%s at %d", zone, at).isEqualTo(new String(reference.encode(event), StandardCharsets.UTF_8));
        }
      } finally {
        TimeZone.setDefault(saved);
      }
    }
  }
}
