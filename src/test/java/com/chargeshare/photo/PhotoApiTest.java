package com.chargeshare.photo;

import com.chargeshare.support.Http;
import com.chargeshare.support.Session;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Charger photos over the API: host-only uploads checked by their bytes, re-encoded, limited, cached")
class PhotoApiTest {

  static TestServer server;
  static Http http;
  static Session host;
  static Session otherHost;
  static Session driver;
  static Path dir;
  static final HttpClient RAW = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    server = TestServer.start("photos");
    http = new Http(server.url());
    host = Session.register(http, "HOST", "Pia Photo-Host");
    otherHost = Session.register(http, "HOST", "Olu Other");
    driver = Session.register(http, "DRIVER", "Dinesh Driver");
    dir = server.config().photos().dir();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static long charger() {
    return http.createCharger(host.token(), Http.chargerBody("Photo bay", 12.97, 77.59));
  }

  static HttpResponse<byte[]> raw(HttpRequest.Builder b) {
    try {
      return RAW.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpRequest.Builder uploadRequest(long charger, byte[] bytes, String type, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "/api/chargers/" + charger + "/photos"))
      .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (type != null) {
      b.header("Content-Type", type);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  static Http.Response upload(long charger, byte[] bytes, String type, String token) {
    HttpResponse<byte[]> r = raw(uploadRequest(charger, bytes, type, token));
    return new Http.Response(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), r.headers());
  }

  static HttpResponse<byte[]> fetch(String url, String token, String ifNoneMatch) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + url)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (ifNoneMatch != null) {
      b.header("If-None-Match", ifNoneMatch);
    }
    return raw(b);
  }

  static long rows(long charger) {
    return Sql.count(server.db(), "SELECT COUNT(*) FROM charger_photos WHERE charger_id = ?", charger);
  }

  static long files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  @DisplayName("a JPEG is stored re-encoded without its EXIF and comment, and served with long-lived cache headers")
  void jpeg() throws IOException {
    long charger = charger();
    byte[] original = Images.jpegWithMetadata(640, 480);
    assertThat(new String(original, StandardCharsets.ISO_8859_1)).contains(Images.SECRET);
    var r = upload(charger, original, "image/jpeg", host.token());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonObject photo = r.json().getJsonObject("photo");
    assertThat(photo.getString("contentType")).isEqualTo("image/jpeg");
    assertThat(photo.getString("originalType")).isEqualTo("image/jpeg");
    assertThat(photo.getInteger("width")).isEqualTo(640);
    assertThat(photo.getInteger("height")).isEqualTo(480);
    String url = photo.getString("url");
    assertThat(url).isEqualTo("/api/chargers/" + charger + "/photos/" + photo.getLong("id"));
    assertThat(r.headers().firstValue("Location")).hasValue(url);

    // served to anyone, signed in or not, cacheable for good
    for (String token : new String[]{null, driver.token()}) {
      HttpResponse<byte[]> image = fetch(url, token, null);
      assertThat(image.statusCode()).isEqualTo(200);
      assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
      assertThat(image.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
      assertThat(new String(image.body(), StandardCharsets.ISO_8859_1)).doesNotContain(Images.SECRET).doesNotContain("Exif");
      BufferedImage decoded = Images.decode(image.body());
      assertThat(decoded.getWidth()).isEqualTo(640);
      assertThat(decoded.getHeight()).isEqualTo(480);
      assertThat(image.body().length).isEqualTo(photo.getInteger("bytes"));
    }
    String etag = fetch(url, null, null).headers().firstValue("ETag").orElseThrow();
    assertThat(fetch(url, null, etag).statusCode()).isEqualTo(304);

    // the file is under the photos folder, named by the server
    String file = (String) Sql.rows(server.db(), "SELECT file_name FROM charger_photos WHERE id = ?", photo.getLong("id")).get(0).get("file_name");
    assertThat(file).matches("[0-9a-f]{32}\\.jpg");
    assertThat(Files.readAllBytes(dir.resolve(file))).isEqualTo(fetch(url, null, null).body());

    var list = http.get("/api/chargers/" + charger + "/photos", null);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().getJsonArray("photos")).hasSize(1);
    assertThat(list.json().getInteger("limit")).isEqualTo(5);
  }

  @Test
  @DisplayName("a phone photo's EXIF orientation is applied to the pixels before the metadata goes, so it stands upright")
  void orientation() {
    long charger = charger();
    // 6: the camera was turned a quarter clockwise; the left edge (red) belongs at the top
    JsonObject turned = upload(charger, Images.jpegWithOrientation(80, 40, 6), "image/jpeg", host.token()).json().getJsonObject("photo");
    assertThat(turned.getInteger("width")).isEqualTo(40);
    assertThat(turned.getInteger("height")).isEqualTo(80);
    BufferedImage upright = Images.decode(fetch(turned.getString("url"), null, null).body());
    assertThat(new java.awt.Color(upright.getRGB(20, 5)).getRed()).isGreaterThan(200);
    assertThat(new java.awt.Color(upright.getRGB(20, 75)).getBlue()).isGreaterThan(200);
    // 3: upside down; red belongs on the right
    BufferedImage half = Images.decode(fetch(upload(charger, Images.jpegWithOrientation(80, 40, 3), "image/jpeg", host.token())
      .json().getJsonObject("photo").getString("url"), null, null).body());
    assertThat(half.getWidth()).isEqualTo(80);
    assertThat(new java.awt.Color(half.getRGB(75, 20)).getRed()).isGreaterThan(200);
    // 8: a quarter anticlockwise; the left edge belongs at the bottom
    BufferedImage back = Images.decode(fetch(upload(charger, Images.jpegWithOrientation(80, 40, 8), "image/jpeg", host.token())
      .json().getJsonObject("photo").getString("url"), null, null).body());
    assertThat(back.getHeight()).isEqualTo(80);
    assertThat(new java.awt.Color(back.getRGB(20, 75)).getRed()).isGreaterThan(200);
  }

  @Test
  @DisplayName("a PNG stays PNG without its text chunks; WebP becomes JPEG, or PNG when it has transparency; big ones are scaled down")
  void pngAndWebp() {
    long charger = charger();
    var png = upload(charger, Images.pngWithMetadata(300, 200, true), "image/png", host.token());
    assertThat(png.status()).as(png.body()).isEqualTo(201);
    JsonObject p = png.json().getJsonObject("photo");
    assertThat(p.getString("contentType")).isEqualTo("image/png");
    byte[] served = fetch(p.getString("url"), null, null).body();
    assertThat(new String(served, StandardCharsets.ISO_8859_1)).doesNotContain(Images.SECRET).doesNotContain("tEXt");
    assertThat(Images.decode(served).getColorModel().hasAlpha()).isTrue();

    var lossy = upload(charger, Images.resource("lossy.webp"), "image/webp", host.token());
    assertThat(lossy.status()).as(lossy.body()).isEqualTo(201);
    JsonObject l = lossy.json().getJsonObject("photo");
    assertThat(l.getString("originalType")).isEqualTo("image/webp");
    assertThat(l.getString("contentType")).isEqualTo("image/jpeg");
    assertThat(Images.decode(fetch(l.getString("url"), null, null).body()).getWidth()).isEqualTo(64);

    var alpha = upload(charger, Images.resource("alpha.webp"), "image/webp", host.token());
    assertThat(alpha.status()).as(alpha.body()).isEqualTo(201);
    JsonObject a = alpha.json().getJsonObject("photo");
    assertThat(a.getString("contentType")).isEqualTo("image/png");
    BufferedImage decoded = Images.decode(fetch(a.getString("url"), null, null).body());
    assertThat(decoded.getWidth()).isEqualTo(40);
    assertThat(decoded.getColorModel().hasAlpha()).isTrue();

    // the bytes decide, not the declared type
    var mislabelled = upload(charger, Images.encode(Images.picture(3000, 1000, false), "jpeg"), "image/png", host.token());
    assertThat(mislabelled.status()).as(mislabelled.body()).isEqualTo(201);
    JsonObject big = mislabelled.json().getJsonObject("photo");
    assertThat(big.getString("contentType")).isEqualTo("image/jpeg");
    assertThat(big.getInteger("width")).isEqualTo(2048);
    assertThat(big.getInteger("height")).isEqualTo(683);
  }

  @Test
  @DisplayName("wrong kinds are 415, too large 413, the sixth photo 409 PHOTO_LIMIT; none leaves a row or a file")
  void refusals() throws IOException {
    long charger = charger();
    long filesBefore = files();
    byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
    byte[] brokenJpeg = new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3, 4};
    for (var bad : List.of(upload(charger, gif, "image/png", host.token()),
      upload(charger, "hello".getBytes(StandardCharsets.UTF_8), "image/jpeg", host.token()),
      upload(charger, brokenJpeg, "image/jpeg", host.token()),
      upload(charger, Images.encode(Images.picture(10, 10, false), "png"), "application/pdf", host.token()),
      upload(charger, Images.encode(Images.picture(10, 10, false), "png"), "application/json", host.token()),
      upload(charger, Images.encode(Images.picture(10, 10, false), "png"), null, host.token()),
      upload(charger, new byte[0], "image/png", host.token()))) {
      assertThat(bad.status()).as(bad.body()).isEqualTo(415);
      assertThat(bad.errorCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }
    var huge = upload(charger, new byte[5 * 1024 * 1024 + 1], "image/jpeg", host.token());
    assertThat(huge.status()).isEqualTo(413);
    assertThat(huge.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
    var bomb = upload(charger, Images.pngClaiming(20_000), "image/png", host.token());
    assertThat(bomb.status()).as(bomb.body()).isEqualTo(413);
    assertThat(bomb.json().getJsonObject("error").getString("message")).contains("20000 × 20000");
    assertThat(rows(charger)).isZero();
    assertThat(files()).isEqualTo(filesBefore);

    for (int i = 0; i < 5; i++) {
      assertThat(upload(charger, Images.encode(Images.picture(50 + i, 40, false), "png"), "image/png", host.token()).status())
        .isEqualTo(201);
    }
    var sixth = upload(charger, Images.encode(Images.picture(60, 40, false), "png"), "image/png", host.token());
    assertThat(sixth.status()).isEqualTo(409);
    assertThat(sixth.errorCode()).isEqualTo("PHOTO_LIMIT");
    assertThat(sixth.json().getJsonObject("error").getJsonObject("details").getInteger("limit")).isEqualTo(5);
    assertThat(rows(charger)).isEqualTo(5);
    assertThat(files()).isEqualTo(filesBefore + 5);
  }

  @Test
  @DisplayName("12 parallel uploads to one charger: exactly 5 are stored, the rest are 409, and no file is left over")
  void parallelUploads() throws IOException {
    long charger = charger();
    long filesBefore = files();
    List<CompletableFuture<HttpResponse<byte[]>>> sent = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      sent.add(RAW.sendAsync(uploadRequest(charger, Images.encode(Images.picture(200 + i, 150, false), "jpeg"), "image/jpeg",
        host.token()).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray()));
    }
    List<Integer> statuses = sent.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
    assertThat(rows(charger)).isEqualTo(5);
    assertThat(files()).isEqualTo(filesBefore + 5);
  }

  @Test
  @DisplayName("only the charger's host adds or deletes; a deleted photo's file goes and its URL is 404")
  void onlyTheHost() throws IOException {
    long charger = charger();
    byte[] png = Images.encode(Images.picture(30, 20, false), "png");
    assertThat(upload(charger, png, "image/png", null).status()).isEqualTo(401);
    // with no credentials at all, a large body is refused before it is read
    assertThat(upload(charger, new byte[5 * 1024 * 1024 + 1], "image/png", null).status()).isEqualTo(401);
    assertThat(upload(charger, png, "image/png", driver.token()).status()).isEqualTo(403);
    assertThat(upload(charger, png, "image/png", otherHost.token()).status()).isEqualTo(403);
    assertThat(upload(99_999_999, png, "image/png", host.token()).status()).isEqualTo(404);
    assertThat(rows(charger)).isZero();

    JsonObject photo = upload(charger, png, "image/png", host.token()).json().getJsonObject("photo");
    String url = photo.getString("url");
    String file = (String) Sql.rows(server.db(), "SELECT file_name FROM charger_photos WHERE id = ?", photo.getLong("id")).get(0).get("file_name");
    assertThat(http.delete(url, otherHost.token()).status()).isEqualTo(403);
    assertThat(http.delete(url, driver.token()).status()).isEqualTo(403);
    assertThat(http.delete(url, null).status()).isEqualTo(401);
    assertThat(fetch(url, null, null).statusCode()).isEqualTo(200);

    assertThat(http.delete(url, host.token()).status()).isEqualTo(204);
    assertThat(Files.exists(dir.resolve(file))).isFalse();
    HttpResponse<byte[]> gone = fetch(url, null, null);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.headers().firstValue("Cache-Control").orElse("")).doesNotContain("immutable");
    assertThat(http.delete(url, host.token()).status()).isEqualTo(404);
    // a photo is reached only through its own charger
    long other = charger();
    JsonObject kept = upload(charger, png, "image/png", host.token()).json().getJsonObject("photo");
    assertThat(fetch("/api/chargers/" + other + "/photos/" + kept.getLong("id"), null, null).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("bad ids are 400, unknown chargers and photos 404, never a server error")
  void badIds() {
    long charger = charger();
    assertThat(http.get("/api/chargers/abc/photos", null).status()).isEqualTo(400);
    assertThat(http.get("/api/chargers/" + charger + "/photos/01", null).status()).isEqualTo(400);
    assertThat(http.get("/api/chargers/" + charger + "/photos/-1", null).status()).isEqualTo(400);
    assertThat(http.get("/api/chargers/99999999/photos", null).status()).isEqualTo(404);
    assertThat(http.get("/api/chargers/" + charger + "/photos/99999999", null).status()).isEqualTo(404);
    assertThat(upload(charger, new byte[]{1, 2}, "image/png", "not-a-token").status()).isEqualTo(401);
    assertThat(http.delete("/api/chargers/" + charger + "/photos/1e3", host.token()).status()).isEqualTo(400);
  }
}
