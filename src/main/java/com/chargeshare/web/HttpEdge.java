package com.chargeshare.web;

import com.chargeshare.failure.ValidationFailed;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.net.RFC3986;
import io.vertx.ext.web.Router;

/**
 * What every request passes before the routers: the slow-client watch hears it begin, a URL with a broken
 * percent-escape ({@code ?lat=%zz}) is a 400 here, where the router would throw from deep inside parameter
 * decoding and log the raw text, and the request goes to the API's router or the site's by its path as the
 * routers match it (normalised as vertx-web does: {@code //api/x} and {@code /%61pi/x} are the API's,
 * {@code /api/../login} is a page).
 */
final class HttpEdge implements Handler<HttpServerRequest> {

  private final Router api;
  private final Router site;
  private final SlowClients slowClients;

  HttpEdge(Router api, Router site, SlowClients slowClients) {
    this.api = api;
    this.site = site;
    this.slowClients = slowClients;
  }

  @Override
  public void handle(HttpServerRequest req) {
    slowClients.begun(req);
    if (!wellEscaped(req.path()) || !wellEscaped(req.query())) {
      ErrorMapper.answer(req.response(), ValidationFailed.request("The URL has a malformed percent-escape"));
      return;
    }
    String path = req.path();
    (path != null && Routes.isApi(RFC3986.normalizePath(path)) ? api : site).handle(req);
  }

  /** Every {@code %} starts two hex digits. */
  static boolean wellEscaped(String s) {
    if (s == null) {
      return true;
    }
    for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
      if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
