package com.chargeshare.review;

import com.chargeshare.support.Http;
import com.chargeshare.support.Session;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Reviews over HTTP: once per ended booking by its driver, one answer by the host, ratings on chargers")
class ReviewApiTest {

  static TestServer server;
  static Http http;
  static Session host;
  static long charger;
  static int hours = 30;

  @BeforeAll
  static void start() {
    server = TestServer.start("reviews");
    http = new Http(server.url());
    host = Session.register(http, "HOST", "Hema");
    charger = http.createCharger(host.token(), Http.chargerBody("Reviewed plug", 13.5, 78.5));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static long book(Session driver) {
    Instant start = Http.hoursAhead(hours++);
    var r = http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))), driver.token());
    assertThat(r.status()).isEqualTo(201);
    return r.json().getJsonObject("booking").getLong("id");
  }

  /** The booking as if it had taken place yesterday (a test cannot wait for one to end). */
  private static void endIt(long bookingId) {
    LocalDateTime end = LocalDateTime.ofInstant(Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS), ZoneOffset.UTC);
    Sql.update(server.db(), "UPDATE bookings SET start_at = ?, end_at = ? WHERE id = ?", end.minusHours(1), end, bookingId);
  }

  private static long ended(Session driver) {
    long id = book(driver);
    endIt(id);
    return id;
  }

  private static Http.Response review(long bookingId, Object body, String token) {
    return http.post("/api/bookings/" + bookingId + "/review", body, token);
  }

  @Test
  @DisplayName("before the end it is 409 REVIEW_NOT_OPEN; after it, 201 once; twice is 409; the charger carries the rating")
  void onceAfterTheEnd() {
    Session d = Session.register(http, "DRIVER", "Priya Raman");
    long id = book(d);
    var early = review(id, new JsonObject().put("rating", 5), d.token());
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.errorCode()).isEqualTo("REVIEW_NOT_OPEN");
    assertThat(early.json().getJsonObject("error").getJsonObject("details").getString("opensAt")).endsWith("Z");
    endIt(id);
    var ok = review(id, new JsonObject().put("rating", 4).put("comment", "  <script>alert(1)</script> Clean & quick  "), d.token());
    assertThat(ok.status()).isEqualTo(201);
    JsonObject r = ok.json().getJsonObject("review");
    assertThat(r.getInteger("rating")).isEqualTo(4);
    assertThat(r.getString("comment")).isEqualTo("<script>alert(1)</script> Clean & quick");
    assertThat(r.getString("author")).isEqualTo("Priya");
    assertThat(r.getLong("bookingId")).isEqualTo(id);
    var twice = review(id, new JsonObject().put("rating", 1), d.token());
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.errorCode()).isEqualTo("REVIEW_NOT_OPEN");
    JsonObject listed = http.get("/api/chargers/" + charger + "/reviews", null).json();
    assertThat(listed.getJsonArray("reviews").stream().map(JsonObject.class::cast).map(x -> x.getLong("bookingId"))).contains(id);
    JsonObject rating = http.get("/api/chargers/" + charger, null).json().getJsonObject("charger").getJsonObject("rating");
    assertThat(rating.getInteger("count")).isGreaterThanOrEqualTo(1);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM reviews WHERE booking_id = ?", id)).isEqualTo(1);
  }

  @Test
  @DisplayName("the average is kept to one decimal, on the charger and in search results")
  void averages() {
    Session h = Session.register(http, "HOST", "Avg host");
    long c = http.createCharger(h.token(), Http.chargerBody("Average plug", 14.5, 79.5));
    Session d = Session.register(http, "DRIVER", "Avg");
    JsonObject none = http.get("/api/chargers/" + c, null).json().getJsonObject("charger").getJsonObject("rating");
    assertThat(none.getInteger("count")).isZero();
    assertThat(none.getValue("average")).isNull();
    int[] ratings = {5, 4, 4};
    for (int i = 0; i < ratings.length; i++) {
      Instant start = Http.hoursAhead(100 + i);
      long id = http.post("/api/bookings", Http.booking(c, start, start.plus(Duration.ofHours(1))), d.token())
        .json().getJsonObject("booking").getLong("id");
      endIt(id);
      assertThat(review(id, new JsonObject().put("rating", ratings[i]), d.token()).status()).isEqualTo(201);
    }
    JsonObject rating = http.get("/api/chargers/" + c, null).json().getJsonObject("charger").getJsonObject("rating");
    assertThat(rating.getDouble("average")).isEqualTo(4.3);
    assertThat(rating.getInteger("count")).isEqualTo(3);
    JsonObject hit = http.get("/api/chargers?lat=14.5&lng=79.5&radiusKm=1", null).json().getJsonArray("chargers").getJsonObject(0);
    assertThat(hit.getJsonObject("rating").getInteger("count")).isEqualTo(3);
    assertThat(http.get("/api/chargers/" + c + "/reviews", null).json().getJsonObject("rating").getDouble("average")).isEqualTo(4.3);
  }

  @Test
  @DisplayName("the host answers once; the driver may not answer, nor strangers see the booking")
  void hostAnswersOnce() {
    Session d = Session.register(http, "DRIVER", "Answered");
    long id = ended(d);
    assertThat(http.post("/api/bookings/" + id + "/review/reply", new JsonObject().put("reply", "Thanks"), host.token()).status())
      .isEqualTo(404);
    assertThat(review(id, new JsonObject().put("rating", 3).put("comment", "Slow"), d.token()).status()).isEqualTo(201);
    assertThat(http.post("/api/bookings/" + id + "/review/reply", new JsonObject().put("reply", "Sorry"), d.token()).status())
      .isEqualTo(403);
    Session stranger = Session.register(http, "HOST", "Stranger");
    assertThat(http.post("/api/bookings/" + id + "/review/reply", new JsonObject().put("reply", "Hi"), stranger.token()).status())
      .isEqualTo(404);
    var answered = http.post("/api/bookings/" + id + "/review/reply", new JsonObject().put("reply", "We fixed the cable"), host.token());
    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.json().getJsonObject("review").getString("reply")).isEqualTo("We fixed the cable");
    assertThat(answered.json().getJsonObject("review").getString("repliedAt")).endsWith("Z");
    var again = http.post("/api/bookings/" + id + "/review/reply", new JsonObject().put("reply", "Again"), host.token());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("REVIEW_NOT_OPEN");
  }

  @Test
  @DisplayName("only the booking's driver reviews (host 403, others 404), and never a cancelled booking")
  void whoMayReview() {
    Session d = Session.register(http, "DRIVER", "Owner");
    long id = ended(d);
    assertThat(review(id, new JsonObject().put("rating", 5), host.token()).status()).isEqualTo(403);
    assertThat(review(id, new JsonObject().put("rating", 5), Session.register(http, "DRIVER", "Other").token()).status())
      .isEqualTo(404);
    assertThat(review(987654321L, new JsonObject().put("rating", 5), d.token()).status()).isEqualTo(404);
    long cancelled = book(d);
    assertThat(http.post("/api/bookings/" + cancelled + "/cancel", null, d.token()).status()).isEqualTo(200);
    endIt(cancelled);
    var r = review(cancelled, new JsonObject().put("rating", 5), d.token());
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.errorCode()).isEqualTo("REVIEW_NOT_OPEN");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM reviews WHERE booking_id IN (?, ?)", id, cancelled)).isZero();
  }

  @Test
  @DisplayName("bad ratings, long or control-character comments, wrong types, bad ids, no login and no JSON are clear 4xx; nothing stored")
  void badInput() {
    Session d = Session.register(http, "DRIVER", "Careless");
    long id = ended(d);
    Object[] ratings = {0, 6, -1, 4.5, "4", true, null, 1e10, "five"};
    for (Object rating : ratings) {
      var r = review(id, new JsonObject().put("rating", rating), d.token());
      assertThat(r.status()).as(String.valueOf(rating)).isEqualTo(400);
      assertThat(r.json().getJsonObject("error").getJsonObject("details").getJsonObject("fields").containsKey("rating")).isTrue();
    }
    for (Object comment : new Object[]{"x".repeat(1001), "bad\u0000byte", "line\u2028forged", "rtl\u202eoverride", 5, new JsonObject()}) {
      var r = review(id, new JsonObject().put("rating", 4).put("comment", comment), d.token());
      assertThat(r.status()).as(String.valueOf(comment)).isEqualTo(400);
      assertThat(r.json().getJsonObject("error").getJsonObject("details").getJsonObject("fields").containsKey("comment")).isTrue();
    }
    assertThat(review(id, new JsonObject().put("rating", 4).put("comment", "ü".repeat(1000)), d.token()).status()).isEqualTo(201);
    for (String bad : new String[]{"0", "-1", "abc", "1.0", "01"}) {
      assertThat(http.post("/api/bookings/" + bad + "/review", new JsonObject().put("rating", 4), d.token()).status()).as(bad)
        .isIn(400, 404);
      assertThat(http.get("/api/chargers/" + bad + "/reviews", null).status()).as(bad).isIn(400, 404);
    }
    assertThat(http.get("/api/chargers/987654321/reviews", null).status()).isEqualTo(404);
    assertThat(http.get("/api/chargers/" + charger + "/reviews?limit=0", null).status()).isEqualTo(400);
    assertThat(http.get("/api/chargers/" + charger + "/reviews?limit=101", null).status()).isEqualTo(400);
    assertThat(review(id, new JsonObject().put("rating", 4), null).status()).isEqualTo(401);
    var form = http.send(http.request("POST", "/api/bookings/" + id + "/review", "rating=4", d.token())
      .setHeader("Content-Type", "application/x-www-form-urlencoded").build());
    assertThat(form.status()).isEqualTo(415);
    assertThat(http.post("/api/bookings/" + id + "/review/reply", new JsonObject().put("reply", "x".repeat(1001)), host.token()).status())
      .isEqualTo(400);
    assertThat(http.post("/api/bookings/" + id + "/review/reply", new JsonObject().put("reply", "   "), host.token()).status())
      .isEqualTo(400);
    assertThat(http.post("/api/bookings/" + id + "/review/reply", new JsonObject(), host.token()).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("twenty parallel reviews of one booking: exactly one 201, the rest 409, the rating counted once")
  void concurrentReviews() {
    Session h = Session.register(http, "HOST", "Race host");
    long c = http.createCharger(h.token(), Http.chargerBody("Race plug", 15.5, 80.5));
    Session d = Session.register(http, "DRIVER", "Racer");
    Instant start = Http.hoursAhead(200);
    long id = http.post("/api/bookings", Http.booking(c, start, start.plus(Duration.ofHours(1))), d.token())
      .json().getJsonObject("booking").getLong("id");
    endIt(id);
    List<CompletableFuture<Http.Response>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(http.sendAsync(http.request("POST", "/api/bookings/" + id + "/review",
        new JsonObject().put("rating", 1 + i % 5).encode(), d.token()).build()));
    }
    List<Integer> statuses = all.stream().map(CompletableFuture::join).map(Http.Response::status).toList();
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
    assertThat(statuses.stream().filter(s -> s == 409)).hasSize(19);
    assertThat(Sql.rows(server.db(), "SELECT rating_count FROM charger_ratings WHERE charger_id = ?", c).get(0).get("rating_count"))
      .isEqualTo(1);
  }
}
