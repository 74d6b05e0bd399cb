package com.chargeshare.photo;

import com.chargeshare.support.Http;
import com.chargeshare.support.Session;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The host's photo page: a plain multipart form, refusals shown in the page, photos on the charger page")
class PhotoPagesTest {

  static TestServer server;
  static Http http;
  static Session host;
  static Session otherHost;

  @BeforeAll
  static void start() {
    server = TestServer.start("photopages");
    http = new Http(server.url());
    host = Session.register(http, "HOST", "Priya <b>Pages</b>");
    otherHost = Session.register(http, "HOST", "Other Host");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A browser's multipart post of the upload form: the file part named photo, with the cookie and our Origin. */
  static Http.Response post(Session who, String path, String fileName, String type, byte[] bytes, String origin) {
    String boundary = "----cs" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"" + fileName
      + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(bytes);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30))
      .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
      .header("Content-Type", "multipart/form-data; boundary=" + boundary)
      .header("Cookie", "cs_session=" + who.token());
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build());
  }

  static Http.Response post(Session who, long charger, String fileName, String type, byte[] bytes) {
    return post(who, "/host/chargers/" + charger + "/photos", fileName, type, bytes, server.url());
  }

  @Test
  @DisplayName("a host uploads through the form, sees the photo, and drivers see it on the charger's page; then deletes it")
  void uploadAndDelete() {
    long charger = http.createCharger(host.token(), Http.chargerBody("Form <i>bay</i>", 12.97, 77.59));
    var page = host.page("/host/chargers/" + charger + "/photos");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("enctype=\"multipart/form-data\"").contains("accept=\"image/jpeg,image/png,image/webp\"")
      .contains("Photos of Form &lt;i&gt;bay&lt;/i&gt;").contains("No photos yet.");

    var added = post(host, charger, "garage.jpg", "image/jpeg", Images.jpegWithMetadata(400, 300));
    assertThat(added.status()).as(added.body()).isEqualTo(303);
    assertThat(added.headers().firstValue("Location")).hasValue("/host/chargers/" + charger + "/photos?notice=added");
    long photoId = Sql.count(server.db(), "SELECT MAX(id) FROM charger_photos WHERE charger_id = ?", charger);
    String url = "/api/chargers/" + charger + "/photos/" + photoId;
    assertThat(host.page("/host/chargers/" + charger + "/photos?notice=added").body()).contains("The photo is added")
      .contains("src=\"" + url + "\"").contains("id=\"photo-delete-" + photoId + "\"");

    String public_ = http.get("/chargers/" + charger, null).body();
    assertThat(public_).contains("id=\"charger-photos\"").contains("src=\"" + url + "\"")
      .contains("alt=\"Photo 1 of 1 of Form &lt;i&gt;bay&lt;/i&gt;\"");
    assertThat(host.page("/chargers/" + charger).body()).contains("href=\"/host/chargers/" + charger + "/photos\"");
    assertThat(host.page("/host/chargers/" + charger + "/edit").body()).contains("href=\"/host/chargers/" + charger + "/photos\"");

    // another host may neither see the page nor delete; a cross-site post changes nothing
    assertThat(otherHost.page("/host/chargers/" + charger + "/photos").status()).isEqualTo(403);
    assertThat(otherHost.form("/host/chargers/" + charger + "/photos/" + photoId + "/delete", Map.of()).status()).isEqualTo(403);
    assertThat(host.form("/host/chargers/" + charger + "/photos/" + photoId + "/delete", Map.of(), "https://evil.example").status())
      .isEqualTo(403);
    assertThat(post(host, "/host/chargers/" + charger + "/photos", "x.png", "image/png",
      Images.encode(Images.picture(20, 20, false), "png"), "https://evil.example").status()).isEqualTo(403);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM charger_photos WHERE charger_id = ?", charger)).isEqualTo(1);

    var deleted = host.form("/host/chargers/" + charger + "/photos/" + photoId + "/delete", Map.of());
    assertThat(deleted.status()).isEqualTo(303);
    assertThat(deleted.headers().firstValue("Location")).hasValue("/host/chargers/" + charger + "/photos?notice=deleted");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM charger_photos WHERE charger_id = ?", charger)).isZero();
    assertThat(http.get("/chargers/" + charger, null).body()).doesNotContain("charger-photos");
    var again = host.form("/host/chargers/" + charger + "/photos/" + photoId + "/delete", Map.of());
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.body()).contains("Photo not found").contains("role=\"alert\"");
  }

  @Test
  @DisplayName("a wrong kind is a 415 page, a file too large a 413 page, the sixth photo a 409 page, no file a 400 page")
  void refusals() {
    long charger = http.createCharger(host.token(), Http.chargerBody("Refusing bay", 12.97, 77.59));
    var text = post(host, charger, "notes.png", "image/png", "just text".getBytes(StandardCharsets.UTF_8));
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(text.body()).contains("Photos must be JPEG, PNG or WebP images").contains("role=\"alert\"");

    var large = post(host, charger, "big.jpg", "image/jpeg", new byte[5 * 1024 * 1024 + 10]);
    assertThat(large.status()).isEqualTo(413);
    assertThat(large.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");

    var none = post(host, charger, "", "application/octet-stream", new byte[0]);
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.body()).contains("choose a JPEG, PNG or WebP photo");

    for (int i = 0; i < 5; i++) {
      assertThat(post(host, charger, "p" + i + ".png", "image/png", Images.encode(Images.picture(20 + i, 20, false), "png")).status())
        .isEqualTo(303);
    }
    assertThat(host.page("/host/chargers/" + charger + "/photos").body()).contains("id=\"photo-limit\"")
      .doesNotContain("id=\"photo-file\"");
    var sixth = post(host, charger, "p6.png", "image/png", Images.encode(Images.picture(30, 20, false), "png"));
    assertThat(sixth.status()).isEqualTo(409);
    assertThat(sixth.body()).contains("A charger has at most 5 photos");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM charger_photos WHERE charger_id = ?", charger)).isEqualTo(5);
    assertThat(http.get("/chargers/" + charger, null).body()).contains("Photo 5 of 5 of Refusing bay");
  }
}
