package com.chargeshare.web;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * A failure a client can cause, with the status and code API.md gives it. Thrown or failed anywhere; only
 * {@link ErrorMapper} turns it into a response body. No stack trace: these are answers, not bugs.
 */
public class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final JsonObject details;

  public ApiError(int status, String code, String message, JsonObject details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public JsonObject details() {
    return details;
  }

  public JsonObject toJson() {
    JsonObject error = new JsonObject().put("code", code).put("message", getMessage());
    if (details != null) {
      error.put("details", details);
    }
    return new JsonObject().put("error", error);
  }

  public static ApiError validation(Map<String, String> fields) {
    JsonObject f = new JsonObject();
    fields.forEach(f::put);
    String first = fields.entrySet().iterator().next().getKey();
    return new ApiError(400, "VALIDATION_FAILED",
      fields.size() == 1 ? "Invalid field '" + first + "': " + fields.get(first) : "Some fields are invalid",
      new JsonObject().put("fields", f));
  }

  public static ApiError validation(String field, String problem) {
    return validation(Map.of(field, problem));
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "VALIDATION_FAILED", message, null);
  }

  public static ApiError unauthenticated(String message) {
    return new ApiError(401, "UNAUTHENTICATED", message, null);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, "FORBIDDEN", message, null);
  }

  public static ApiError notFound(String what) {
    return new ApiError(404, "NOT_FOUND", what + " not found", null);
  }

  public static ApiError conflict(String code, String message) {
    return new ApiError(409, code, message, null);
  }

  public static ApiError conflict(String code, String message, JsonObject details) {
    return new ApiError(409, code, message, details);
  }

  public static ApiError rateLimited(String message) {
    return new ApiError(429, "RATE_LIMITED", message, null);
  }

  public static ApiError unavailable(String message) {
    return new ApiError(503, "UNAVAILABLE", message, null);
  }
}
