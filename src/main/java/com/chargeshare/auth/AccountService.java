package com.chargeshare.auth;

import com.chargeshare.failure.ValidationFailed;
import com.chargeshare.failure.Unauthenticated;
import com.chargeshare.failure.RateLimited;
import com.chargeshare.failure.Conflict;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Sign-up and log-in rules, shared by the JSON API and the no-JavaScript page forms. */
public final class AccountService {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final LoginRateLimiter limiter;

  public AccountService(UserRepository users, PasswordHasher hasher, TokenService tokens, LoginRateLimiter limiter) {
    this.users = users;
    this.hasher = hasher;
    this.tokens = tokens;
    this.limiter = limiter;
  }

  public Future<UserAccount> register(String email, String password, String name, String role) {
    return register(email, password, name, role, Map.of());
  }

  /** {@code earlier}: problems the caller found already (wrong JSON types), reported together with these. */
  public Future<UserAccount> register(String email, String password, String name, String role, Map<String, String> earlier) {
    Map<String, String> problems = new LinkedHashMap<>(earlier);
    if (email == null || email.isBlank()) problems.putIfAbsent("email", "is required");
    else if (email.length() > 254 || !EMAIL.matcher(email.trim()).matches()) problems.put("email", "must be a valid email address");
    if (password == null) problems.putIfAbsent("password", "is required");
    else if (password.length() < 8) problems.put("password", "must be at least 8 characters");
    else if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
      problems.put("password", "must be at most " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes");
    }
    if (name == null || name.isBlank()) problems.putIfAbsent("name", "is required");
    else if (name.trim().length() > 120) problems.put("name", "must be 1..120 characters");
    Role r = parseSelfServiceRole(role);
    if (r == null) problems.putIfAbsent("role", "must be DRIVER or HOST");
    if (!problems.isEmpty()) {
      return Future.failedFuture(ValidationFailed.fields(problems));
    }
    return hasher.hash(password)
      .compose(hash -> users.insert(email, hash, name.trim(), r))
      .recover(err -> err instanceof UserRepository.EmailTaken
        ? Future.failedFuture(new Conflict(Conflict.Reason.EMAIL_TAKEN, "An account with this email exists already"))
        : Future.failedFuture(err));
  }

  private static Role parseSelfServiceRole(String role) {
    if (role == null) return null;
    try {
      Role r = Role.valueOf(role);
      return r.selfService() ? r : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Checks the rate limit first, then the password; a wrong email and a wrong password look the same. */
  public Future<Session> login(String email, String password, String address) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (email == null || email.isBlank()) problems.put("email", "is required");
    if (password == null || password.isEmpty()) problems.put("password", "is required");
    if (!problems.isEmpty()) {
      return Future.failedFuture(ValidationFailed.fields(problems));
    }
    if (limiter.blocked(email, address)) {
      return Future.failedFuture(new RateLimited("Too many failed logins; wait a few minutes and try again"));
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
      limiter.failed(email, address);
      return Future.failedFuture(new Unauthenticated("Wrong email or password"));
    }
    return users.byEmail(email).compose(found -> hasher.verify(password, found.map(UserAccount::passwordHash).orElse(null))
      .compose(ok -> {
        if (!ok) {
          limiter.failed(email, address);
          return Future.failedFuture(new Unauthenticated("Wrong email or password"));
        }
        limiter.succeeded(email);
        UserAccount user = found.orElseThrow();
        return Future.succeededFuture(new Session(user, tokens.issue(user)));
      }));
  }

  public Future<UserAccount> current(Principal p) {
    return users.byId(p.id()).map(u -> u.orElseThrow(() -> new Unauthenticated("The account no longer exists")));
  }

  public record Session(UserAccount user, TokenService.Issued token) {
  }
}
