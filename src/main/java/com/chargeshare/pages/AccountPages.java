package com.chargeshare.pages;

import com.chargeshare.auth.AccountService;
import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.Role;
import com.chargeshare.web.ClientAddress;
import com.chargeshare.web.PageErrors;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Log-in, sign-up and log-out as plain HTML forms: they work without JavaScript; auth.js enhances them. */
public final class AccountPages {

  private final Pages pages;
  private final AccountService accounts;
  private final AuthGuard guard;

  public AccountPages(Pages pages, AccountService accounts, AuthGuard guard) {
    this.pages = pages;
    this.accounts = accounts;
    this.guard = guard;
  }

  public void mount(Router router) {
    router.get("/login").handler(ctx -> showLogin(ctx, 200, null, ctx.request().getParam("email")));
    router.post("/login").handler(this::login);
    router.get("/register").handler(ctx -> showRegister(ctx, 200, null, Map.of(), Registration.EMPTY));
    router.post("/register").handler(this::register);
    router.post("/account/roles").handler(guard.require()).handler(this::addRole);
    router.post("/logout").handler(ctx -> accounts.logout(AuthGuard.principal(ctx))
      .onSuccess(v -> ctx.response().addCookie(guard.clearedCookie(ctx.request().isSSL())).setStatusCode(303)
        .putHeader("Location", "/").end())
      .onFailure(ctx::fail));
  }

  /** login.peb. */
  record LoginPage(String error, String email, String next) {
  }

  /** register.peb: the form as typed (never the password) and what was wrong with it. */
  record RegisterPage(String error, Map<String, String> fieldErrors, Registration values) {
  }

  record Registration(String name, String email, String role) {

    static final Registration EMPTY = new Registration("", "", "");
  }

  private void showLogin(RoutingContext ctx, int status, String error, String email) {
    pages.render(ctx, status, "login", "Log in", new LoginPage(error, email, safeNext(ctx.request().getParam("next"))));
  }

  private void login(RoutingContext ctx) {
    String email = ctx.request().getFormAttribute("email");
    String password = ctx.request().getFormAttribute("password");
    accounts.login(email, password, ClientAddress.of(ctx))
      .onSuccess(session -> {
        ctx.response().addCookie(guard.sessionCookie(session.token().token(), session.token().ttlSeconds(), ctx.request().isSSL()));
        String next = safeNext(ctx.request().getFormAttribute("next"));
        String home = session.user().role() == Role.HOST ? "/host" : "/";
        ctx.response().setStatusCode(303).putHeader("Location", next != null ? next : home).end();
      })
      .onFailure(err -> PageErrors.showOrFail(ctx, err, e -> showLogin(ctx, e.status(), e.message(), email)));
  }

  /** The header's "Start hosting" / "Book as driver": the account takes the other role and goes where it is used. */
  private void addRole(RoutingContext ctx) {
    String role = ctx.request().getFormAttribute("add");
    String next = safeNext(ctx.request().getFormAttribute("next"));
    accounts.addRole(AuthGuard.principal(ctx), role)
      .onSuccess(user -> ctx.response().setStatusCode(303)
        .putHeader("Location", next != null ? next : Role.HOST.name().equals(role) ? "/host" : "/").end())
      .onFailure(ctx::fail);
  }

  private void showRegister(RoutingContext ctx, int status, String error, Map<String, String> fieldErrors, Registration values) {
    pages.render(ctx, status, "register", "Sign up", new RegisterPage(error, fieldErrors, values));
  }

  private void register(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    String email = form.get("email");
    String password = form.get("password");
    String name = form.get("name");
    String role = form.get("role");
    Registration values = new Registration(name == null ? "" : name, email == null ? "" : email, role == null ? "" : role);
    accounts.register(email, password, name, role, Map.of(), ClientAddress.of(ctx))
      .compose(user -> accounts.login(email, password, ClientAddress.of(ctx)))
      .onSuccess(session -> {
        ctx.response().addCookie(guard.sessionCookie(session.token().token(), session.token().ttlSeconds(), ctx.request().isSSL()));
        ctx.response().setStatusCode(303).putHeader("Location", session.user().role() == Role.HOST ? "/host" : "/").end();
      })
      .onFailure(err -> PageErrors.showOrFail(ctx, err,
        e -> showRegister(ctx, e.status(), e.message(), PageErrors.fields(e), values)));
  }

  /**
   * Only same-site paths: an open redirect would let phishing links borrow our login page. {@code next} is a
   * path ({@code /} then neither {@code /} nor a backslash) with no control characters, also once percent-decoded:
   * browsers drop tabs and newlines, so {@code /%09/evil.example} would become {@code //evil.example}. The answer is
   * plain ASCII (anything else percent-encoded): Netty writes a header char's low byte only, and U+012F would
   * otherwise go out as {@code /}.
   */
  static String safeNext(String next) {
    if (!samePath(next)) {
      return null;
    }
    String decoded;
    try {
      decoded = URLDecoder.decode(next.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return samePath(decoded) ? asciiOnly(next) : null;
  }

  private static boolean samePath(String path) {
    if (path == null || path.length() > 2000 || !path.startsWith("/") || path.startsWith("//") || path.contains("\\")) {
      return false;
    }
    return path.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
      || c == 0x2028 || c == 0x2029);
  }

  private static String asciiOnly(String path) {
    StringBuilder out = new StringBuilder(path.length());
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      if (b > 0x20 && b < 0x7f) {
        out.append((char) b);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
