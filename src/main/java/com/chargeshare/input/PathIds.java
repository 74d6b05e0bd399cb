package com.chargeshare.input;

import com.chargeshare.failure.ValidationFailed;
import io.vertx.ext.web.RoutingContext;

/** Ids in paths are exact integers ({@link Ids}); anything else is a malformed request (400), not a missing one. */
public final class PathIds {

  private PathIds() {
  }

  public static long of(RoutingContext ctx, String param) {
    Long id = Ids.parse(ctx.pathParam(param));
    if (id == null) {
      throw ValidationFailed.field(param, Ids.RULE);
    }
    return id;
  }
}
