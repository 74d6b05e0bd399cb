package com.chargeshare.web;

import com.chargeshare.failure.NotFound;
import com.chargeshare.Services;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.LoggerFormat;
import io.vertx.ext.web.handler.LoggerHandler;
import io.vertx.ext.web.handler.StaticHandler;

import java.util.concurrent.TimeUnit;

/**
 * Serves the API, the pages and the live-availability socket. One instance per event loop; each owns its
 * server socket share, its router and its WebSocket subscribers.
 */
public final class HttpVerticle extends VerticleBase {

  private final Services services;
  private HttpServer server;

  public HttpVerticle(Services services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    // two routers, so that a request is matched only against its own kind of routes: an API call never tries the
    // pages' path patterns (nor a page the API's), which made route matching a fifth of a small request's CPU
    Router api = Router.router(vertx);
    Router site = Router.router(vertx);
    edge(api);
    edge(site);
    api.route().handler(new JsonBodies());
    PhotoApi.mountBodies(api, site, services.photos());
    body(api);
    body(site);
    // everything outside the API, the socket and static files is a page: its failures render as pages,
    // the CSRF refusal included
    site.routeWithRegex("^/(?!ws/|static/|webjars/|health$|metrics$).*").handler(services.pages().marker());
    api.route().handler(services.guard().csrf());
    site.route().handler(services.guard().csrf());

    Routes.mountApi(api, services);
    api.route().handler(ctx -> ctx.fail(new NotFound("Endpoint")));

    // in a cluster this node's engine is up while it is a member: other members serve the shards it does not own
    java.util.function.Supplier<Boolean> engineReady = services.config().cluster().enabled()
      ? () -> services.cluster().members() > 0 : services.engine()::ready;
    new OpsApi(services.database(), services.metrics(), services.engine().name(), engineReady,
      services.config().metricsToken(), services.cluster()).mount(site);
    Routes.mountSite(vertx, site, services);
    site.route("/static/*").handler(StaticHandler.create("webroot").setCachingEnabled(true).setMaxAgeSeconds(3600));
    site.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86400));
    site.route().handler(ctx -> ctx.fail(new NotFound("Page")));

    api.route().failureHandler(new ErrorMapper());
    site.route().failureHandler(new ErrorMapper());

    var http = services.config().http();
    SlowClients slowClients = new SlowClients(vertx, http.headerTimeoutSeconds(), http.idleTimeoutSeconds());
    return vertx.createHttpServer(new HttpServerOptions()
        .setHost(http.host())
        .setPort(http.port())
        .setIdleTimeout(http.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        // no cleartext HTTP/2: sniffing for it holds every new connection until its whole first request head has
        // arrived, out of reach of the slow-client watch
        .setHttp2ClearTextEnabled(false)
        .setCompressionSupported(true)
        // frames up to 64 KiB are read whole, so a message over the limit gets an error answer (LiveHub); only
        // larger frames make Netty cut the connection mid-frame
        .setMaxWebSocketMessageSize(services.config().live().maxMessageBytes())
        .setMaxWebSocketFrameSize(Math.max(65536, services.config().live().maxMessageBytes()))
        // live messages are a few hundred bytes of JSON; permessage-deflate, which browsers always offer,
        // would hold zlib state per socket (about 90 KB more each, measured) and deflate every push per socket
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false))
      .connectionHandler(conn -> {
        HttpVersions.guard(conn);
        slowClients.opened(conn);
      })
      .requestHandler(new HttpEdge(api, site, slowClients))
      .listen()
      .onSuccess(s -> server = s);
  }

  /**
   * What every request meets first: the access log (mounted only when on: it costs even when its level drops every
   * line) and the security headers.
   */
  private void edge(Router router) {
    if (org.slf4j.LoggerFactory.getLogger(LoggerHandler.class).isInfoEnabled()) {
      router.route().handler(LoggerHandler.create(LoggerFormat.CUSTOM).customFormatter(new AccessLog()));
    }
    var payments = services.config().payments();
    router.route().handler(payments.on()
      ? new SecurityHeaders(services.guard().strictTransport(), payments.razorpay().checkoutUrl(), payments.razorpay().apiUrl())
      : new SecurityHeaders(services.guard().strictTransport()));
  }

  /** The body, within the limit, and who sent it. */
  private void body(Router router) {
    router.route().handler(BodyHandler.create(false).setBodyLimit(services.config().http().maxBodyBytes()));
    router.route().handler(services.guard().identify());
  }

  @Override
  public Future<?> stop() {
    // lets requests in flight finish before the socket closes
    return server == null ? Future.succeededFuture() : server.shutdown(10, TimeUnit.SECONDS);
  }
}
