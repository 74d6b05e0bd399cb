package com.chargeshare.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Set;

/**
 * An account as stored. {@code role} is the role it signed up with; {@code roles} every role it holds (one
 * account may host and drive). {@code prehashed}: whether the hash was taken over the password's pre-hash (all new
 * ones) or, for accounts from before, over the password itself. {@code tokenGeneration} rises with every
 * password change; tokens carry the generation they were issued in.
 */
public record UserAccount(long id, String email, String name, Role role, Set<Role> roles, String passwordHash,
                          boolean prehashed, int tokenGeneration) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("email", email).put("name", name).put("role", role.name())
      .put("roles", new JsonArray(Roles.names(roles)));
  }
}
