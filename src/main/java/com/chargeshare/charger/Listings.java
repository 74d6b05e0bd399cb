package com.chargeshare.charger;

import com.chargeshare.auth.Principal;
import com.chargeshare.failure.Forbidden;
import com.chargeshare.failure.NotFound;
import io.vertx.core.Future;

/** Who may see and change a listing, the same for the API and the pages. */
public final class Listings {

  private final ChargerRepository chargers;

  public Listings(ChargerRepository chargers) {
    this.chargers = chargers;
  }

  /** The listing, or 404. */
  public Future<Charger> existing(long id) {
    return chargers.byId(id).map(c -> c.orElseThrow(() -> new NotFound("Charger")));
  }

  /** The listing if the caller hosts it: 404 when it does not exist, 403 when it is another host's. */
  public Future<Charger> ownedBy(long id, Principal caller) {
    return existing(id).map(c -> {
      if (c.hostId() != caller.id()) {
        throw new Forbidden("Only the charger's host may do this");
      }
      return c;
    });
  }
}
