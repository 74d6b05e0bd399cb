package com.chargeshare.auth;

import java.util.Set;

/**
 * Who is calling, as the verified token says: the user, and which token it is ({@code tokenId}, the JWT's
 * {@code jti}; {@code generation}, the user's token generation when it was issued; when it expires). {@code role}
 * is the role the account signed up with; {@code roles} every role it holds now (read from the database, not the
 * token, so a role added since the login counts).
 */
public record Principal(long id, Role role, Set<Role> roles, String name, String tokenId, int generation,
                        long expiresAtSeconds) {

  public Principal(long id, Role role, String name, String tokenId, int generation, long expiresAtSeconds) {
    this(id, role, Roles.of(role), name, tokenId, generation, expiresAtSeconds);
  }

  public boolean is(Role r) {
    return roles.contains(r);
  }

  public Principal withRoles(Set<Role> now) {
    return new Principal(id, role, now, name, tokenId, generation, expiresAtSeconds);
  }
}
