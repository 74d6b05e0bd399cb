package com.chargeshare.input;

import com.chargeshare.failure.ValidationFailed;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON body field by field, collecting every problem so one 400 names all the bad fields.
 * Wrong JSON types are problems too: {@code "powerKw": "fast"} is refused, not coerced.
 */
public final class Fields {

  private final JsonObject body;
  private final Map<String, String> problems = new LinkedHashMap<>();

  public Fields(JsonObject body) {
    this.body = body;
  }

  /** The request body as a JSON object, or a 400 when it is absent, malformed or not an object. */
  public static Fields of(RoutingContext ctx) {
    return new Fields(jsonBody(ctx));
  }

  public static JsonObject jsonBody(RoutingContext ctx) {
    var buffer = ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      throw ValidationFailed.request("A JSON object body is required");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(buffer);
    } catch (RuntimeException e) {
      throw ValidationFailed.request("The request body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject o)) {
      throw ValidationFailed.request("The request body must be a JSON object");
    }
    return o;
  }

  public void problem(String field, String message) {
    problems.putIfAbsent(field, message);
  }

  public String string(String name, boolean required, int min, int max) {
    Object v = body.getValue(name);
    if (v == null) {
      if (required) problem(name, "is required");
      return null;
    }
    if (!(v instanceof String s)) {
      problem(name, "must be a string");
      return null;
    }
    int len = s.codePointCount(0, s.length());
    if (len < min || len > max) {
      problem(name, min > 0 ? "must be " + min + ".." + max + " characters" : "must be at most " + max + " characters");
      return null;
    }
    return s;
  }

  public String oneOf(String name, boolean required, Set<String> allowed, String fallback) {
    String s = string(name, required, 1, 64);
    if (s == null) {
      return problems.containsKey(name) ? null : fallback;
    }
    if (!allowed.contains(s)) {
      problem(name, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
      return null;
    }
    return s;
  }

  public Double number(String name, boolean required, double min, double max, boolean minExclusive, String rule) {
    Object v = body.getValue(name);
    if (v == null) {
      if (required) problem(name, "is required");
      return null;
    }
    if (!(v instanceof Number n)) {
      problem(name, "must be a number");
      return null;
    }
    double d = n.doubleValue();
    if (Double.isNaN(d) || d > max || d < min || (minExclusive && d == min)) {
      problem(name, rule);
      return null;
    }
    return d;
  }

  public Long integer(String name, boolean required, long min, long max, String rule) {
    Object v = body.getValue(name);
    if (v == null) {
      if (required) problem(name, "is required");
      return null;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      problem(name, "must be a whole number");
      return null;
    }
    long l = n.longValue();
    if (l < min || l > max) {
      problem(name, rule);
      return null;
    }
    return l;
  }

  public Instant instant(String name, boolean required) {
    String s = string(name, required, 1, 40);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      problem(name, "must be an ISO-8601 UTC instant such as 2026-12-01T10:00:00Z");
      return null;
    }
  }

  public Map<String, String> problems() {
    return problems;
  }

  /** Throws one VALIDATION_FAILED naming every bad field, if there were any. */
  public void validate() {
    if (!problems.isEmpty()) {
      throw ValidationFailed.fields(problems);
    }
  }
}
