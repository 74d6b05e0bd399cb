package com.chargeshare.pages;

import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Principal;
import com.chargeshare.web.ApiError;
import com.chargeshare.web.PageErrors;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.pebble.PebbleTemplateEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Renders Pebble templates (autoescaping on) with what every page needs: the user, the title, the path. */
public final class Pages {

  private static final Logger log = LoggerFactory.getLogger(Pages.class);

  private final PebbleTemplateEngine engine;

  public Pages(Vertx vertx) {
    this.engine = PebbleTemplateEngine.create(vertx);
  }

  /** Marks the request as a page, so failures render as pages rather than JSON. */
  public Handler<RoutingContext> marker() {
    BiConsumer<RoutingContext, ApiError> errorPage = (ctx, error) -> {
      Map<String, Object> model = new HashMap<>();
      model.put("status", error.status());
      model.put("message", error.message());
      send(ctx, error.status(), "error", "Error " + error.status(), model);
    };
    return ctx -> {
      ctx.put(PageErrors.PAGE_REQUEST, errorPage);
      ctx.next();
    };
  }

  public void render(RoutingContext ctx, String template, String title, Map<String, Object> model) {
    send(ctx, 200, template, title, model);
  }

  /** A page with another status: a form shown again with its errors (400, 409, ...). */
  public void render(RoutingContext ctx, int status, String template, String title, Map<String, Object> model) {
    send(ctx, status, template, title, model);
  }

  public Future<Buffer> renderToBuffer(RoutingContext ctx, String template, String title, Map<String, Object> model) {
    Map<String, Object> data = new HashMap<>(model);
    data.put("user", userOf(AuthGuard.principal(ctx)));
    data.put("title", title);
    data.put("path", ctx.request().path());
    return engine.render(data, "templates/" + template + ".peb");
  }

  private void send(RoutingContext ctx, int status, String template, String title, Map<String, Object> model) {
    renderToBuffer(ctx, template, title, model).onComplete(ar -> {
      if (ar.failed()) {
        log.error("Template {} failed", template, ar.cause());
        ctx.response().setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8").end("Page failed to render");
        return;
      }
      ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(ar.result());
    });
  }

  public static Map<String, Object> userOf(Principal p) {
    if (p == null) {
      return null;
    }
    Map<String, Object> u = new HashMap<>();
    u.put("id", p.id());
    u.put("name", p.name());
    u.put("role", p.role().name());
    return u;
  }
}
