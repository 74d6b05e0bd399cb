package com.chargeshare.live;

import com.chargeshare.support.Browser;
import com.chargeshare.support.BrowserTest;
import com.chargeshare.support.Http;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
@DisplayName("Live availability in a real browser (headless Chromium): pages follow changes without reloading")
class LiveBrowserTest {

  static TestServer server;
  static Http http;
  static String host;
  static String driverToken;
  WebDriver driver;

  @BeforeAll
  static void start() {
    // tiles come from an address where nothing listens: markers show without them
    server = TestServer.start("livebrowser", new JsonObject()
      .put("map", new JsonObject().put("tileUrl", "https://127.0.0.1:9/{z}/{x}/{y}.png")));
    http = new Http(server.url());
    host = http.signUp("HOST");
    driverToken = http.signUp("DRIVER");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void useBrowser(WebDriver driver) {
    this.driver = driver;
  }

  private WebDriverWait waiting() {
    return Browser.waiting(driver, 20);
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private void awaitLive(String state) {
    waiting().until(d -> state.equals(d.findElement(By.id("live-indicator")).getAttribute("data-state")));
  }

  /** Opens the charger's page on tomorrow (free slots whatever the time now) and waits for its socket. */
  private void openChargerPage(String base, long chargerId) {
    driver.get(base + "/chargers/" + chargerId);
    waiting().until(d -> !d.findElements(By.cssSelector("#slot-grid[data-loaded='true'] [data-slot-start]")).isEmpty());
    new Select(driver.findElement(By.id("day-picker"))).selectByIndex(1);
    waiting().until(d -> d.findElements(By.cssSelector("#slot-grid [data-status='PAST']")).isEmpty()
      && !d.findElements(By.cssSelector("#slot-grid [data-status='FREE']")).isEmpty());
    awaitLive("connected");
    assertThat(driver.findElement(By.id("live-indicator")).getText()).isEqualTo("Live");
    // survives only as long as the document does: a reload would clear it
    js("window.__sameDocument = true");
  }

  private String statusOf(String slotStart) {
    return driver.findElement(By.cssSelector("#slot-grid [data-slot-start='" + slotStart + "']")).getAttribute("data-status");
  }

  @Test
  @DisplayName("bookings, cancels and blocks made through the API recolour an open charger page's slots, and taking the "
    + "charger offline its badge, without reload")
  void chargerPageFollowsBookings() {
    long id = http.createCharger(host, Http.chargerBody("Live bay", 12.97, 77.59));
    openChargerPage(server.url(), id);
    WebElement slot = driver.findElements(By.cssSelector("#slot-grid [data-status='FREE']")).get(20);
    String start = slot.getAttribute("data-slot-start");
    String end = slot.getAttribute("data-slot-end");

    var booked = http.post("/api/bookings", Http.booking(id, Instant.parse(start), Instant.parse(end)), driverToken);
    assertThat(booked.status()).isEqualTo(201);
    waiting().until(d -> "BOOKED".equals(statusOf(start)));

    long bookingId = booked.json().getJsonObject("booking").getLong("id");
    assertThat(http.post("/api/bookings/" + bookingId + "/cancel", null, driverToken).status()).isEqualTo(200);
    waiting().until(d -> "FREE".equals(statusOf(start)));

    var blocked = http.post("/api/chargers/" + id + "/blocks", new JsonObject().put("start", start).put("end", end)
      .put("reason", "maintenance"), host);
    assertThat(blocked.status()).isEqualTo(201);
    waiting().until(d -> "BLOCKED".equals(statusOf(start)));

    assertThat(driver.findElement(By.id("charger-state")).getText()).isEqualTo("Free now");
    assertThat(http.patch("/api/chargers/" + id, new JsonObject().put("status", "OFFLINE"), host).status()).isEqualTo(200);
    waiting().until(d -> "Offline".equals(d.findElement(By.id("charger-state")).getText()));
    assertThat(js("return window.__sameDocument === true")).isEqualTo(true);
  }

  @Test
  @DisplayName("the map recolours a marker when its host takes the charger offline, without reload")
  void mapFollowsStatus() {
    long id = http.createCharger(host, Http.chargerBody("Live marker", 13.30, 77.30));
    driver.get(server.url() + "/?lat=13.30&lng=77.30&zoom=15");
    By marker = By.cssSelector("#map .cs-marker[data-charger-id='" + id + "']");
    waiting().until(d -> !d.findElements(marker).isEmpty());
    assertThat(driver.findElement(marker).getAttribute("data-availability")).isEqualTo("free");
    awaitLive("connected");
    js("window.__sameDocument = true");

    assertThat(http.patch("/api/chargers/" + id, new JsonObject().put("status", "OFFLINE"), host).status()).isEqualTo(200);
    waiting().until(d -> "offline".equals(d.findElement(marker).getAttribute("data-availability")));
    assertThat(http.patch("/api/chargers/" + id, new JsonObject().put("status", "ONLINE"), host).status()).isEqualTo(200);
    waiting().until(d -> "free".equals(d.findElement(marker).getAttribute("data-availability")));
    assertThat(js("return window.__sameDocument === true")).isEqualTo(true);
  }

  @Test
  @DisplayName("after a server restart the page reconnects by itself and shows what changed while it was away")
  void reconnectsAfterRestart() {
    String secret = "restart-secret-" + UUID.randomUUID();
    JsonObject sameSecret = new JsonObject().put("auth", new JsonObject().put("jwtSecret", secret));
    TestServer first = TestServer.start("livebrowser_restart", sameSecret);
    boolean firstRunning = true;
    TestServer again = null;
    try {
      Http api = new Http(first.url());
      long id = api.createCharger(api.signUp("HOST"), Http.chargerBody("Restarted bay", 12.97, 77.59));
      String driverOfRestart = api.signUp("DRIVER");
      openChargerPage(first.url(), id);
      WebElement slot = driver.findElements(By.cssSelector("#slot-grid [data-status='FREE']")).get(10);
      String start = slot.getAttribute("data-slot-start");
      String end = slot.getAttribute("data-slot-end");

      first.close();
      firstRunning = false;
      awaitLive("offline");
      // booked through another server on the same database while the page's own server is down:
      // no push can carry it, only the page's re-read after it reconnects
      try (TestServer meanwhile = TestServer.start(first.db(), sameSecret)) {
        var r = new Http(meanwhile.url()).post("/api/bookings", Http.booking(id, Instant.parse(start), Instant.parse(end)),
          driverOfRestart);
        assertThat(r.status()).isEqualTo(201);
      }
      again = TestServer.start(first.db(), sameSecret.copy().put("http", new JsonObject().put("port", first.port())));

      // the page retries with a growing pause, up to 45 s (30 s and its jitter) after a long outage on a busy machine
      Browser.waiting(driver, 60).until(d -> "connected".equals(d.findElement(By.id("live-indicator")).getAttribute("data-state")));
      waiting().until(d -> "BOOKED".equals(statusOf(start)));
      assertThat(js("return window.__sameDocument === true")).isEqualTo(true);
    } finally {
      if (firstRunning) {
        first.close();
      }
      if (again != null) {
        again.close();
      }
    }
  }
}
