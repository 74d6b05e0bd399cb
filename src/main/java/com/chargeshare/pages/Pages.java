package com.chargeshare.pages;

import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Principal;
import com.chargeshare.auth.Role;
import com.chargeshare.auth.Roles;
import com.chargeshare.web.ApiError;
import com.chargeshare.web.PageErrors;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.pebble.PebbleTemplateEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Renders Pebble templates (autoescaping on) with what every page needs: the user, the title, the path. One per
 * node: the template engine and its cache are shared by every HTTP verticle.
 *
 * <p>A page's view is a record: its components are the template's variables, and Pebble reads nested records
 * through their accessors ({@code charger.name}).
 */
public final class Pages {

  private static final Logger log = LoggerFactory.getLogger(Pages.class);

  private final PebbleTemplateEngine engine;
  private final Function<Long, Future<Integer>> unread;

  /** {@code unread}: how many unread notifications a user has (the header's bell). */
  public Pages(Vertx vertx, Function<Long, Future<Integer>> unread) {
    this.engine = PebbleTemplateEngine.create(vertx);
    this.unread = unread;
  }

  /**
   * The signed-in user as the header shows them: {@code role} is the role they signed up with, {@code roles} all
   * they hold; {@code host} and {@code driver} say which sides of the site they use.
   */
  record User(long id, String name, String role, List<String> roles, boolean host, boolean driver) {

    static User of(Principal p) {
      return p == null ? null : new User(p.id(), p.name(), p.role().name(), Roles.names(p.roles()), p.is(Role.HOST),
        p.is(Role.DRIVER));
    }
  }

  /** error.peb: the status and what went wrong. */
  record ErrorPage(int status, String message) {
  }

  /** Marks the request as a page, so failures render as pages rather than JSON. */
  public Handler<RoutingContext> marker() {
    BiConsumer<RoutingContext, ApiError> errorPage = (ctx, error) ->
      render(ctx, error.status(), "error", "Error " + error.status(), new ErrorPage(error.status(), error.message()));
    return ctx -> {
      ctx.put(PageErrors.PAGE_REQUEST, errorPage);
      ctx.next();
    };
  }

  public void render(RoutingContext ctx, String template, String title, Record view) {
    render(ctx, 200, template, title, view);
  }

  /** A page with another status: a form shown again with its errors (400, 409, ...). */
  public void render(RoutingContext ctx, int status, String template, String title, Record view) {
    Map<String, Object> data = variables(view);
    Principal p = AuthGuard.principal(ctx);
    data.put("user", User.of(p));
    data.put("title", title);
    data.put("path", ctx.request().path());
    // a page whose bell cannot be counted (database trouble) still renders, without a count
    Future<Integer> count = p == null ? Future.succeededFuture(0) : unread.apply(p.id()).recover(err -> Future.succeededFuture(0));
    count.compose(n -> {
      data.put("unreadNotifications", n);
      return engine.render(data, "templates/" + template + ".peb");
    }).onComplete(ar -> {
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

  private static Map<String, Object> variables(Record view) {
    Map<String, Object> data = new HashMap<>();
    for (RecordComponent c : view.getClass().getRecordComponents()) {
      try {
        data.put(c.getName(), c.getAccessor().invoke(view));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot read " + c.getName() + " of " + view.getClass().getSimpleName(), e);
      }
    }
    return data;
  }
}
