package com.chargeshare.auth;

/** Who is calling, as the verified token says. */
public record Principal(long id, Role role, String name) {

  public boolean is(Role r) {
    return role == r;
  }
}
