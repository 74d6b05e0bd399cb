package com.chargeshare.auth;

/**
 * Who is calling, as the verified token says: the user, and which token it is ({@code tokenId}, the JWT's
 * {@code jti}; {@code generation}, the user's token generation when it was issued; when it expires).
 */
public record Principal(long id, Role role, String name, String tokenId, int generation, long expiresAtSeconds) {

  public boolean is(Role r) {
    return role == r;
  }
}
