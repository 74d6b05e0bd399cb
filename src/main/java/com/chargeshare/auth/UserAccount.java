package com.chargeshare.auth;

import io.vertx.core.json.JsonObject;

public record UserAccount(long id, String email, String name, Role role, String passwordHash) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("email", email).put("name", name).put("role", role.name());
  }

  public Principal principal() {
    return new Principal(id, role, name);
  }
}
