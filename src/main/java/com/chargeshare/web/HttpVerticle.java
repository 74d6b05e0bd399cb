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
    Router router = Router.router(vertx);
    var http = services.config().http();
    // the access log costs per request even when its level drops every line, so it is mounted only when on
    if (org.slf4j.LoggerFactory.getLogger(LoggerHandler.class).isInfoEnabled()) {
      router.route().handler(LoggerHandler.create(LoggerFormat.CUSTOM).customFormatter(new AccessLog()));
    }
    var payments = services.config().payments();
    router.route().handler(payments.on()
      ? new SecurityHeaders(services.guard().strictTransport(), payments.razorpay().checkoutUrl(), payments.razorpay().apiUrl())
      : new SecurityHeaders(services.guard().strictTransport()));
    router.route("/api/*").handler(new JsonBodies());
    PhotoApi.mountBodies(router, services.photos());
    router.route().handler(BodyHandler.create(false).setBodyLimit(http.maxBodyBytes()));
    router.route().handler(services.guard().identify());
    // everything outside the API, the socket and static files is a page: its failures render as pages,
    // the CSRF refusal included
    router.routeWithRegex("^/(?!api/|ws/|static/|webjars/|health$|metrics$).*").handler(services.pages().marker());
    router.route().handler(services.guard().csrf());

    // in a cluster this node's engine is up while it is a member: other members serve the shards it does not own
    java.util.function.Supplier<Boolean> engineReady = services.config().cluster().enabled()
      ? () -> services.cluster().members() > 0 : services.engine()::ready;
    new OpsApi(services.database(), services.metrics(), services.engine().name(), engineReady,
      services.config().metricsToken(), services.cluster()).mount(router);
    new AuthApi(services.accounts(), services.guard()).mount(router);
    Routes.mountAll(vertx, router, services);

    router.route("/static/*").handler(StaticHandler.create("webroot").setCachingEnabled(true).setMaxAgeSeconds(3600));
    router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86400));
    router.route("/api/*").handler(ctx -> ctx.fail(new NotFound("Endpoint")));
    router.route().handler(ctx -> ctx.fail(new NotFound("Page")));
    router.route().failureHandler(new ErrorMapper());

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
      .requestHandler(new HttpEdge(router, slowClients))
      .listen()
      .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    // lets requests in flight finish before the socket closes
    return server == null ? Future.succeededFuture() : server.shutdown(10, TimeUnit.SECONDS);
  }
}
