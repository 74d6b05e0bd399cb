package com.chargeshare.loadtest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Learns which booking engine the server runs, for the report: an {@code engine} field anywhere
 * in {@code /health}, else an {@code engine="..."} label in {@code /metrics}, else "unknown".
 */
final class EngineProbe {

  private static final Pattern METRIC_LABEL = Pattern.compile("engine=\"([^\"]+)\"");

  private EngineProbe() {
  }

  static Future<String> detect(ApiClient api) {
    return api.fetchText("/health").compose(health -> {
      Optional<String> fromHealth = health.flatMap(EngineProbe::fromHealth);
      if (fromHealth.isPresent()) {
        return Future.succeededFuture(fromHealth.get());
      }
      return api.fetchText("/metrics").map(metrics -> metrics.flatMap(EngineProbe::fromMetrics).orElse("unknown"));
    });
  }

  static Optional<String> fromHealth(String body) {
    try {
      return find(new JsonObject(body));
    } catch (RuntimeException notJson) {
      return Optional.empty();
    }
  }

  static Optional<String> fromMetrics(String text) {
    Matcher m = METRIC_LABEL.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static Optional<String> find(Object node) {
    if (node instanceof JsonObject json) {
      for (String key : new String[] {"engine", "bookingEngine"}) {
        if (json.getValue(key) instanceof String value && !value.isBlank()) {
          return Optional.of(value);
        }
      }
      for (String key : json.fieldNames()) {
        Optional<String> found = find(json.getValue(key));
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (node instanceof JsonArray array) {
      for (Object item : array) {
        Optional<String> found = find(item);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }
}
