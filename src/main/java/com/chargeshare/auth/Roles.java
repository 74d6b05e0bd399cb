package com.chargeshare.auth;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The roles a user holds, as stored ({@code users.roles}, comma-separated) and as answered (a list in enum order). */
public final class Roles {

  private Roles() {
  }

  public static Set<Role> of(Role role) {
    return Collections.unmodifiableSet(EnumSet.of(role));
  }

  /** The stored list, always with the role the account signed up with; unknown names are skipped. */
  public static Set<Role> parse(String stored, Role primary) {
    EnumSet<Role> roles = EnumSet.of(primary);
    if (stored != null) {
      for (String name : stored.split(",")) {
        for (Role r : Role.values()) {
          if (r.name().equals(name.strip())) {
            roles.add(r);
          }
        }
      }
    }
    return Collections.unmodifiableSet(roles);
  }

  public static List<String> names(Set<Role> roles) {
    return roles.stream().sorted().map(Enum::name).toList();
  }
}
