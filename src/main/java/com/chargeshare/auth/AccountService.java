package com.chargeshare.auth;

import com.chargeshare.failure.Conflict;
import com.chargeshare.failure.Unauthenticated;
import com.chargeshare.failure.ValidationFailed;
import io.vertx.core.Future;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Sign-up, log-in, log-out and password change, shared by the JSON API and the no-JavaScript page forms. */
public final class AccountService {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final TokenService tokens;
  private final AttemptLimiter limiter;

  public AccountService(UserRepository users, PasswordHasher hasher, PasswordPolicy policy, TokenService tokens,
                        AttemptLimiter limiter) {
    this.users = users;
    this.hasher = hasher;
    this.policy = policy;
    this.tokens = tokens;
    this.limiter = limiter;
  }

  /** {@code earlier}: problems the caller found already (wrong JSON types), reported together with these. */
  public Future<UserAccount> register(String email, String password, String name, String role, Map<String, String> earlier,
                                      String address) {
    Map<String, String> problems = new LinkedHashMap<>(earlier);
    boolean emailOk = false;
    if (email == null || email.isBlank()) problems.putIfAbsent("email", "is required");
    else if (email.length() > 254 || !EMAIL.matcher(EmailAddress.canonical(email)).matches()) problems.put("email", "must be a valid email address");
    else emailOk = true;
    if (password == null) problems.putIfAbsent("password", "is required");
    else {
      String problem = policy.problem(password, emailOk ? email : null);
      if (problem != null) problems.put("password", problem);
    }
    if (name == null || name.isBlank()) problems.putIfAbsent("name", "is required");
    else if (name.trim().length() > 120) problems.put("name", "must be 1..120 characters");
    Role r = parseSelfServiceRole(role);
    if (r == null) problems.putIfAbsent("role", "must be DRIVER or HOST");
    if (!problems.isEmpty()) {
      return Future.failedFuture(ValidationFailed.fields(problems));
    }
    return limiter.registration(address)
      .compose(v -> hasher.hash(password))
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

  /**
   * Reserves the attempt first (429 past the limits), then checks the password; a wrong email and a wrong
   * password look the same and cost the same.
   */
  public Future<Session> login(String email, String password, String address) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (email == null || email.isBlank()) problems.put("email", "is required");
    if (password == null || password.isEmpty()) problems.put("password", "is required");
    if (!problems.isEmpty()) {
      return Future.failedFuture(ValidationFailed.fields(problems));
    }
    return limiter.password(email, address).compose(attempt -> users.byEmail(email).compose(found -> {
      UserAccount user = found.orElse(null);
      return hasher.verify(password, user == null ? null : user.passwordHash(), user == null || user.prehashed())
        .compose(ok -> {
          if (!ok) {
            return Future.failedFuture(new Unauthenticated("Wrong email or password"));
          }
          if (!user.prehashed()) {
            hasher.hash(password).compose(hash -> users.upgradeHash(user.id(), user.passwordHash(), hash));
          }
          return attempt.succeeded().map(v -> new Session(user, tokens.issue(user)));
        });
    }));
  }

  /**
   * Checks the current password (counted like a login attempt against the account), applies the same rules
   * to the new one as at sign-up, and ends every other session of the user.
   */
  public Future<Void> changePassword(Principal p, String currentPassword, String newPassword, String address) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (currentPassword == null || currentPassword.isEmpty()) problems.put("currentPassword", "is required");
    if (newPassword == null) problems.put("newPassword", "is required");
    return current(p).compose(user -> {
      if (newPassword != null) {
        String problem = policy.problem(newPassword, user.email());
        if (problem != null) problems.put("newPassword", problem);
      }
      if (!problems.isEmpty()) {
        return Future.failedFuture(ValidationFailed.fields(problems));
      }
      return limiter.password(user.email(), address).compose(attempt ->
        hasher.verify(currentPassword, user.passwordHash(), user.prehashed()).compose(ok -> {
          if (!ok) {
            return Future.failedFuture(ValidationFailed.field("currentPassword", "is not your current password"));
          }
          return hasher.hash(newPassword)
            .compose(hash -> users.changePassword(user.id(), hash))
            .compose(generation -> tokens.revokeAllBut(p, generation))
            .compose(v -> attempt.succeeded());
        }));
    });
  }

  /** The token stops counting everywhere. */
  public Future<Void> logout(Principal p) {
    return p == null ? Future.succeededFuture() : tokens.revoke(p);
  }

  /**
   * Gives the caller one more self-service role ({@code DRIVER} or {@code HOST}; anything else is 400), so one
   * account can host and drive. Holding it already is no error. Answers the account as it now stands.
   */
  public Future<UserAccount> addRole(Principal p, String role) {
    Role r = parseSelfServiceRole(role);
    if (r == null) {
      return Future.failedFuture(ValidationFailed.field("add", "must be DRIVER or HOST"));
    }
    return users.addRole(p.id(), r).compose(v -> {
      tokens.forget(p.id());
      return current(p);
    });
  }

  public Future<UserAccount> current(Principal p) {
    return users.byId(p.id()).map(u -> u.orElseThrow(() -> new Unauthenticated("The account no longer exists")));
  }

  public record Session(UserAccount user, TokenService.Issued token) {
  }
}
