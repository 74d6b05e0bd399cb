package com.chargeshare.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Errors on pages are pages: a login redirect for 401, otherwise the error template. And the one rule for a
 * form a page posted: a client mistake is shown in the page itself, anything else becomes an error page.
 */
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

  /**
   * A failed form post: a client mistake (any 4xx, with the status and message the API would answer) goes to
   * {@code show}, which draws the page again with it; anything else goes to the error mapping. A 401 here is
   * the form's own answer (a wrong password): a missing session is refused before any page handler runs.
   */
  public static void showOrFail(RoutingContext ctx, Throwable failure, Consumer<ApiError> show) {
    ApiError error = ErrorMapper.toApiError(failure, -1);
    if (error.status() >= 400 && error.status() < 500) {
      show.accept(error);
    } else {
      ctx.fail(failure);
    }
  }

  /** What each field was refused for ({@code details.fields}), in the API's order; empty when none is named. */
  public static Map<String, String> fields(ApiError error) {
    Map<String, String> fields = new LinkedHashMap<>();
    JsonObject named = error.details() == null ? null : error.details().getJsonObject("fields");
    if (named != null) {
      named.forEach(f -> fields.put(f.getKey(), String.valueOf(f.getValue())));
    }
    return fields;
  }
}
