package com.chargeshare.input;

import com.chargeshare.failure.NotFound;
import io.vertx.ext.web.RoutingContext;

/** Ids in paths are positive integers; anything else names nothing (404). */
public final class PathIds {

  private PathIds() {
  }

  public static long of(RoutingContext ctx, String param) {
    String raw = ctx.pathParam(param);
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // falls through to 404
    }
    throw new NotFound("Resource");
  }
}
