package com.chargeshare.web;

import com.chargeshare.failure.Conflict;
import com.chargeshare.failure.SlotTaken;
import com.chargeshare.failure.Unauthenticated;
import com.chargeshare.failure.Unavailable;
import com.chargeshare.failure.ValidationFailed;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

@DisplayName("The one rule for a failed form post: a client mistake is shown in the page, anything else is an error page")
class PageErrorsTest {

  static final Map<String, Throwable> FAILURES = Map.of(
    "/validation", ValidationFailed.field("email", "must be a valid email"),
    "/wrong-password", new Unauthenticated("Wrong email or password"),
    "/taken", new Conflict(Conflict.Reason.BOOKING_NOT_CANCELLABLE, "Too late to cancel"),
    "/outage", new Unavailable("The service is temporarily unavailable"),
    "/bug", new IllegalStateException("a bug"));

  static Vertx vertx;
  static HttpServer server;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    FAILURES.forEach((path, failure) -> router.get(path).handler(ctx -> PageErrors.showOrFail(ctx, failure,
      e -> ctx.response().setStatusCode(e.status()).end("shown in the page: " + e.message()))));
    router.route().failureHandler(ctx -> ctx.response().setStatusCode(500).end("error page for " + ctx.failure().getMessage()));
    server = vertx.createHttpServer().requestHandler(router).listen(0).await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
      .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName("4xx answers, a form's own 401 (wrong password) included, are drawn in the page with the API's status")
  void clientMistakes() throws Exception {
    for (String path : List.of("/validation", "/wrong-password", "/taken")) {
      var r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(ErrorMapper.toApiError(FAILURES.get(path), 0).status());
      assertThat(r.body()).as(path).isEqualTo("shown in the page: " + FAILURES.get(path).getMessage());
    }
  }

  @Test
  @DisplayName("an outage or a bug goes to the error mapping untouched")
  void serverFaults() throws Exception {
    assertThat(get("/outage").body()).isEqualTo("error page for The service is temporarily unavailable");
    assertThat(get("/bug").body()).isEqualTo("error page for a bug");
  }

  @Test
  @DisplayName("the fields of a validation failure come out in order; other errors name none")
  void fields() {
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("name", "is required");
    refused.put("email", "must be a valid email");
    refused.put("password", "must be at least 8 characters");
    assertThat(PageErrors.fields(ErrorMapper.toApiError(ValidationFailed.fields(refused), 0)))
      .containsExactly(entry("name", "is required"), entry("email", "must be a valid email"),
        entry("password", "must be at least 8 characters"));
    assertThat(PageErrors.fields(ErrorMapper.toApiError(ValidationFailed.request("A JSON object body is required"), 0))).isEmpty();
    assertThat(PageErrors.fields(ErrorMapper.toApiError(new SlotTaken("taken", List.of()), 0))).isEmpty();
  }
}
