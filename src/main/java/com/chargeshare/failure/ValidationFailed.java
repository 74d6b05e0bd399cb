package com.chargeshare.failure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The request is malformed or names bad values; {@link #fields()} names each bad field with its rule. */
public final class ValidationFailed extends DomainFailure {

  private final Map<String, String> fields;

  private ValidationFailed(String message, Map<String, String> fields) {
    super(message);
    this.fields = fields;
  }

  /** Every bad field at once, so one answer names them all. */
  public static ValidationFailed fields(Map<String, String> fields) {
    Map<String, String> copy = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    String first = copy.keySet().iterator().next();
    return new ValidationFailed(copy.size() == 1 ? "Invalid field '" + first + "': " + copy.get(first) : "Some fields are invalid",
      copy);
  }

  public static ValidationFailed field(String field, String problem) {
    return fields(Map.of(field, problem));
  }

  /** A request that is wrong as a whole (no body, not JSON), with no field to name. */
  public static ValidationFailed request(String message) {
    return new ValidationFailed(message, Map.of());
  }

  public Map<String, String> fields() {
    return fields;
  }
}
