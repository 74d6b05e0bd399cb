package com.chargeshare.pages;

import com.chargeshare.failure.ValidationFailed;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * The optional reason a page's cancel form sends (without JavaScript; with it, the dialog calls the API): the
 * API's rule, at most 500 characters, blank meaning none.
 */
final class CancelForms {

  static final int MAX_REASON = 500;

  private CancelForms() {
  }

  static Future<String> reason(RoutingContext ctx) {
    String raw = ctx.request().getFormAttribute("reason");
    if (raw == null || raw.isBlank()) {
      return Future.succeededFuture(null);
    }
    String reason = raw.strip();
    return reason.length() > MAX_REASON
      ? Future.failedFuture(ValidationFailed.field("reason", "must be at most " + MAX_REASON + " characters"))
      : Future.succeededFuture(reason);
  }
}
