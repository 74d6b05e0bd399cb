package com.chargeshare.input;

import com.chargeshare.failure.ValidationFailed;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Query-string parameters, checked like body fields: every bad one named in a single 400. */
public final class Query {

  private final RoutingContext ctx;
  private final Map<String, String> problems = new LinkedHashMap<>();

  public Query(RoutingContext ctx) {
    this.ctx = ctx;
  }

  public String raw(String name) {
    String v = ctx.request().getParam(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  public void problem(String name, String message) {
    problems.putIfAbsent(name, message);
  }

  public Double decimal(String name, double min, double max) {
    String v = raw(name);
    if (v == null) return null;
    try {
      double d = Double.parseDouble(v);
      if (Double.isNaN(d) || d < min || d > max) {
        problem(name, "must be between " + min + " and " + max);
        return null;
      }
      return d;
    } catch (NumberFormatException e) {
      problem(name, "must be a number");
      return null;
    }
  }

  /** An id ({@link Ids}) or null when absent; {@code +1}, {@code 01} or {@code ١} is a problem, not 1. */
  public Long id(String name) {
    String v = raw(name);
    if (v == null) return null;
    Long id = Ids.parse(v);
    if (id == null) {
      problem(name, Ids.RULE);
    }
    return id;
  }

  /** A whole number in [min, max], or null when absent. */
  public Long longInRange(String name, long min, long max) {
    String v = raw(name);
    if (v == null) return null;
    try {
      long l = Long.parseLong(v);
      if (l < min || l > max) {
        problem(name, "must be a whole number from " + min + (max == Long.MAX_VALUE ? " up" : " to " + max));
        return null;
      }
      return l;
    } catch (NumberFormatException e) {
      problem(name, "must be a whole number");
      return null;
    }
  }

  public int intInRange(String name, int fallback, int min, int max) {
    String v = raw(name);
    if (v == null) return fallback;
    try {
      int i = Integer.parseInt(v);
      if (i < min || i > max) {
        problem(name, "must be " + min + ".." + max);
        return fallback;
      }
      return i;
    } catch (NumberFormatException e) {
      problem(name, "must be a whole number");
      return fallback;
    }
  }

  public Instant instant(String name) {
    String v = raw(name);
    if (v == null) return null;
    try {
      return Instants.parse(v);
    } catch (DateTimeParseException e) {
      problem(name, "must be an ISO-8601 UTC instant such as 2026-12-01T10:00:00Z");
      return null;
    }
  }

  public String oneOf(String name, Set<String> allowed) {
    String v = raw(name);
    if (v == null) return null;
    if (!allowed.contains(v)) {
      problem(name, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
      return null;
    }
    return v;
  }

  public boolean hasProblem(String name) {
    return problems.containsKey(name);
  }

  public void validate() {
    if (!problems.isEmpty()) {
      throw ValidationFailed.fields(problems);
    }
  }
}
