package com.chargeshare.photo;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** A stored photo of a charger: the re-encoded image's kind and size, and the file it is kept in. */
public record Photo(long id, long chargerId, String fileName, String contentType, String originalType, int width, int height,
                    int bytes, Instant createdAt) {

  /** Where the image is served; its content never changes, so it may be cached for good. */
  public String url() {
    return "/api/chargers/" + chargerId + "/photos/" + id;
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("chargerId", chargerId).put("url", url()).put("contentType", contentType)
      .put("originalType", originalType).put("width", width).put("height", height).put("bytes", bytes)
      .put("createdAt", createdAt.toString());
  }
}
