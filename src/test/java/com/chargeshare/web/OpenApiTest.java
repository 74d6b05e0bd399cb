package com.chargeshare.web;

import com.chargeshare.Services;
import com.chargeshare.support.Http;
import com.chargeshare.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

@DisplayName("The OpenAPI document: served by the server, OpenAPI 3.1, and true to the routes the server registers")
class OpenApiTest {

  private static final Path FILE = Path.of("docs", "openapi.json");
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.start("openapi");
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("GET /api/openapi.json answers docs/openapi.json as it stands in the repository, as JSON")
  void served() throws Exception {
    var r = http.get(OpenApiDocument.PATH, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(r.body()).isEqualTo(Files.readString(FILE));
    JsonObject doc = r.json();
    assertThat(doc.getString("openapi")).startsWith("3.1.");
    assertThat(doc.getJsonObject("info").getString("title")).isNotBlank();
    assertThat(doc.getJsonObject("paths").fieldNames()).isNotEmpty();
  }

  @Test
  @DisplayName("every route registered under /api is documented, and every documented operation is registered")
  void routesMatch() throws Exception {
    Set<String> documented = new TreeSet<>();
    JsonObject paths = new JsonObject(Files.readString(FILE)).getJsonObject("paths");
    paths.fieldNames().forEach(path -> paths.getJsonObject(path).fieldNames().stream().filter(METHODS::contains)
      .forEach(method -> documented.add(method.toUpperCase() + " " + path)));

    Set<String> registered = new TreeSet<>();
    Vertx vertx = Vertx.vertx();
    try {
      // the feature routes as HttpVerticle mounts them; what it adds besides (static files, fallbacks) serves no operation
      Services s = server.app().services();
      Router api = Router.router(vertx);
      Router site = Router.router(vertx);
      Routes.mountApi(api, s);
      new OpsApi(s.database(), s.metrics(), s.engine().name(), s.engine()::ready, s.config().metricsToken(), s.cluster())
        .mount(site);
      Routes.mountSite(vertx, site, s);
      for (Route route : java.util.stream.Stream.concat(api.getRoutes().stream(), site.getRoutes().stream()).toList()) {
        if (route.getPath() != null) {
          String path = route.getPath().replaceAll(":(\\w+)", "{$1}");
          route.methods().stream().map(HttpMethod::name).forEach(method -> registered.add(method + " " + path));
        }
      }
    } finally {
      vertx.close().await();
    }

    Set<String> api = new TreeSet<>(registered);
    api.removeIf(route -> !route.split(" ")[1].startsWith("/api/"));
    assertThat(api).contains("POST /api/bookings", "GET /api/chargers/{id}/slots", "GET " + OpenApiDocument.PATH);
    assertSoftly(soft -> {
      soft.assertThat(documented).as("documented operations: every /api route is one").containsAll(api);
      soft.assertThat(registered).as("registered routes: nothing documented that the server does not serve").containsAll(documented);
    });
  }
}
