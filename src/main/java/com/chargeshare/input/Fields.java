package com.chargeshare.input;

import com.chargeshare.failure.ValidationFailed;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.math.BigInteger;
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

  /**
   * A whole number in [min, max]. Exact at any size: 2^64+1 is out of range, never wrapped to 1 (Jackson hands big
   * numbers over as BigInteger or BigDecimal).
   */
  public Long integer(String name, boolean required, long min, long max, String rule) {
    Object v = body.getValue(name);
    if (v == null) {
      if (required) problem(name, "is required");
      return null;
    }
    BigDecimal exact = exact(v);
    if (exact == null || exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
      problem(name, "must be a whole number");
      return null;
    }
    if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
      problem(name, rule);
      return null;
    }
    return exact.longValueExact();
  }

  /** An id ({@link Ids}): an integral JSON number 1..2^53−1; {@code 303.0} or {@code "303"} is not one. */
  public Long id(String name, boolean required) {
    Object v = body.getValue(name);
    if (v == null) {
      if (required) problem(name, "is required");
      return null;
    }
    Long id = Ids.of(v);
    if (id == null) {
      problem(name, Ids.RULE);
    }
    return id;
  }

  private static BigDecimal exact(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (v instanceof BigDecimal d) {
      return d;
    }
    if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
      return new BigDecimal(((Number) v).doubleValue());
    }
    return null;
  }

  public Instant instant(String name, boolean required) {
    String s = string(name, required, 1, 40);
    if (s == null) {
      return null;
    }
    try {
      return Instants.parse(s);
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
