package com.chargeshare.web;

import io.vertx.core.json.JsonObject;

/**
 * An error as the client hears it: status, API.md's code, message and details. Made only by {@link ErrorMapper}
 * from a failure; pages render the same values.
 */
public record ApiError(int status, String code, String message, JsonObject details) {

  public JsonObject toJson() {
    JsonObject error = new JsonObject().put("code", code).put("message", message);
    if (details != null) {
      error.put("details", details);
    }
    return new JsonObject().put("error", error);
  }
}
