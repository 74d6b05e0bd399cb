package com.chargeshare.web;

import com.chargeshare.input.Fields;
import com.chargeshare.auth.AccountService;
import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/auth/*} and {@code /api/me}. */
public final class AuthApi {

  private final AccountService accounts;
  private final AuthGuard guard;

  public AuthApi(AccountService accounts, AuthGuard guard) {
    this.accounts = accounts;
    this.guard = guard;
  }

  public void mount(Router router) {
    router.post("/api/auth/register").respond(this::register);
    router.post("/api/auth/login").respond(this::login);
    router.post("/api/auth/logout").handler(this::logout);
    router.post("/api/auth/password").handler(guard.require()).handler(this::changePassword);
    router.get("/api/me").handler(guard.require()).respond(this::me);
    router.post("/api/me/roles").handler(guard.require()).respond(this::addRole);
  }

  private Future<JsonObject> register(RoutingContext ctx) {
    Fields f = Fields.of(ctx);
    String email = f.string("email", false, 0, 1000);
    String password = f.string("password", false, 0, 1000);
    String name = f.string("name", false, 0, 1000);
    String role = f.string("role", false, 0, 64);
    return accounts.register(email, password, name, role, f.problems(), ClientAddress.of(ctx)).map(user -> {
      ctx.response().setStatusCode(201);
      return new JsonObject().put("user", user.toJson());
    });
  }

  private Future<JsonObject> login(RoutingContext ctx) {
    Fields f = Fields.of(ctx);
    String email = f.string("email", true, 1, 254);
    String password = f.string("password", true, 1, 1000);
    f.validate();
    return accounts.login(email, password, ClientAddress.of(ctx)).map(session -> {
      ctx.response().addCookie(guard.sessionCookie(session.token().token(), session.token().ttlSeconds(), ctx.request().isSSL()));
      return new JsonObject()
        .put("token", session.token().token())
        .put("expiresAt", session.token().expiresAt().toString())
        .put("user", session.user().toJson());
    });
  }

  /** Revokes the token that came with the request, if any, and clears the cookie. */
  private void logout(RoutingContext ctx) {
    accounts.logout(AuthGuard.principal(ctx))
      .onSuccess(v -> ctx.response().addCookie(guard.clearedCookie(ctx.request().isSSL())).setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void changePassword(RoutingContext ctx) {
    Fields f = Fields.of(ctx);
    String current = f.string("currentPassword", true, 1, 1000);
    String next = f.string("newPassword", true, 1, 1000);
    f.validate();
    accounts.changePassword(AuthGuard.principal(ctx), current, next, ClientAddress.of(ctx))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  /** {@code {"add": "HOST"}} or {@code {"add": "DRIVER"}} → 200 with the user and its {@code roles}. */
  private Future<JsonObject> addRole(RoutingContext ctx) {
    Fields f = Fields.of(ctx);
    String add = f.string("add", true, 1, 16);
    f.validate();
    return accounts.addRole(AuthGuard.principal(ctx), add).map(u -> new JsonObject().put("user", u.toJson()));
  }

  private Future<JsonObject> me(RoutingContext ctx) {
    Principal p = AuthGuard.principal(ctx);
    return accounts.current(p).map(u -> new JsonObject().put("user", u.toJson()));
  }
}
