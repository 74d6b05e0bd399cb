package com.chargeshare.web;

import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/** Errors on pages are pages: a login redirect for 401, otherwise the error template. */
public final class PageErrors {

  /** Set on a routing context by page routes; holds the renderer for the error page. */
  public static final String PAGE_REQUEST = "pageRequest";

  private PageErrors() {
  }

  static void render(RoutingContext ctx, ApiError error) {
    if (error.status() == 401) {
      String next = URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8);
      ctx.response().setStatusCode(303).putHeader("Location", "/login?next=" + next).end();
      return;
    }
    BiConsumer<RoutingContext, ApiError> renderer = ctx.get(PAGE_REQUEST);
    renderer.accept(ctx, error);
  }
}
