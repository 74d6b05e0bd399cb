package com.chargeshare.pages;

import com.chargeshare.support.Browser;
import com.chargeshare.support.BrowserTest;
import com.chargeshare.support.Http;
import com.chargeshare.support.Session;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' side of API.md's "Fair booking", in a real browser, on a desktop window and a 390×844 phone.
 *
 * <p>Where the server does not yet answer a rule (PRICE_CHANGED, DRIVER_OVERLAP, named alternatives: the engine's
 * half of issue #11), the browser's fetch is given the answer API.md specifies for that request instead, and the
 * page is held to it; once the server answers them itself ({@link #fairEngine}) the same steps run against it.
 */
@BrowserTest
@DisplayName("Fair booking on the pages: price lock, alternatives, refusals, cancels with reasons, now-status (headless Chromium)")
class FairBookingBrowserTest {

  static TestServer server;
  static Http http;
  static Session host;
  /** Whether the server implements the engine's half: chargers carry nowStatus. */
  static boolean fairEngine;
  WebDriver driver;

  /** Wraps fetch: records every booking request's body, and answers from a queue instead of the server while it lasts. */
  private static final String STUB = "var queue = JSON.parse(arguments[0]); var real = window.__realFetch || window.fetch;"
    + "window.__realFetch = real; window.__sent = window.__sent || [];"
    + "window.fetch = function (url, opts) {"
    + "  if (opts && opts.method === 'POST' && String(url) === '/api/bookings') {"
    + "    window.__sent.push(JSON.parse(opts.body));"
    + "    var next = queue.shift();"
    + "    if (next) return Promise.resolve(new Response(JSON.stringify(next.body), {status: next.status,"
    + "      headers: Object.assign({'Content-Type': 'application/json'}, next.headers || {})}));"
    + "  }"
    + "  return real.apply(this, arguments);"
    + "};";

  @BeforeAll
  static void start() {
    // the shipped limits (one car, 5 upcoming, 60 attempts a minute), which test servers otherwise switch off
    server = TestServer.start("fairbrowser", new JsonObject().put("booking", new JsonObject()
      .put("allowDriverOverlap", false).put("maxUpcomingPerDriver", 5).put("attemptsPerMinute", 60)));
    http = new Http(server.url());
    host = Session.register(http, "HOST", "Hema Host");
    long probe = http.createCharger(host.token(), Http.chargerBody("Probe", 10.0, 70.0));
    fairEngine = http.get("/api/chargers/" + probe, null).json().getJsonObject("charger").containsKey("nowStatus");
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

  private void phone() {
    driver.manage().window().setSize(new Dimension(390, 844));
  }

  private void logIn(Session who, String next) {
    driver.get(server.url() + "/login?next=" + next);
    driver.findElement(By.cssSelector("input[name=email]")).sendKeys(who.email());
    driver.findElement(By.cssSelector("input[name=password]")).sendKeys(Session.PASSWORD);
    driver.findElement(By.cssSelector("form[data-auth-form=login] button[type=submit]")).click();
    waiting().until(d -> !d.getCurrentUrl().contains("/login") && d.getCurrentUrl().contains(next));
  }

  /** The charger's page on tomorrow's grid, loaded. */
  private void openTomorrow(long chargerId) {
    driver.get(server.url() + "/chargers/" + chargerId);
    waiting().until(d -> "true".equals(d.findElement(By.id("slot-grid")).getAttribute("data-loaded")));
    new Select(driver.findElement(By.id("day-picker"))).selectByIndex(1);
    String first = tomorrowSlot(0).toString();
    waiting().until(d -> !d.findElements(By.cssSelector("#slot-grid [data-index='0'][data-slot-start='" + first + "']")).isEmpty()
      && d.findElements(By.cssSelector("#slot-grid [data-slot-start]")).size() >= 40);
  }

  private WebElement slot(int index) {
    return driver.findElement(By.cssSelector("#slot-grid [data-index='" + index + "']"));
  }

  /** Tomorrow's slot {@code index} (30-minute slots from local midnight in Asia/Kolkata) as an instant. */
  private static Instant tomorrowSlot(int index) {
    ZonedDateTime midnight = ZonedDateTime.now(ZoneId.of("Asia/Kolkata")).toLocalDate().plusDays(1).atStartOfDay(ZoneId.of("Asia/Kolkata"));
    return midnight.toInstant().plusSeconds(index * 1800L);
  }

  private void stub(JsonArray answers) {
    js(STUB, answers.encode());
  }

  @SuppressWarnings("unchecked")
  private List<java.util.Map<String, Object>> sent() {
    return (List<java.util.Map<String, Object>>) js("return window.__sent || [];");
  }

  /** WCAG contrast of the element's text on its background, colours read through a canvas (they may be oklch). */
  private double contrast(WebElement e) {
    Object ratio = js("var s = getComputedStyle(arguments[0]); var c = document.createElement('canvas').getContext('2d');"
      + "function rgb(col) { c.clearRect(0, 0, 1, 1); c.fillStyle = '#000'; c.fillStyle = col; c.fillRect(0, 0, 1, 1);"
      + "  return Array.from(c.getImageData(0, 0, 1, 1).data).slice(0, 3); }"
      + "function lum(v) { v = v.map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });"
      + "  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }"
      + "var a = lum(rgb(s.color)), b = lum(rgb(s.backgroundColor));"
      + "return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);", e);
    return ((Number) ratio).doubleValue();
  }

  private static JsonObject error(int status, String code, JsonObject details) {
    return new JsonObject().put("status", status).put("body", new JsonObject().put("error", new JsonObject()
      .put("code", code).put("message", code).put("details", details)));
  }

  private static void assumeServer(boolean needed) {
    Assumptions.assumeTrue(needed, "needs the engine's half of issue #11 (fair-engine): chargers with nowStatus");
  }

  @Test
  @DisplayName("phone: the shown total is sent; a live price change updates it; PRICE_CHANGED shows the new total and books only when confirmed")
  void priceLockOnPhone() {
    phone();
    Session me = Session.register(http, "DRIVER", "Priya Phone");
    long id = http.createCharger(host.token(), Http.chargerBody("Price Bay", 11.0, 76.0));
    logIn(me, "/chargers/" + id);
    openTomorrow(id);
    assertThat(driver.findElement(By.cssSelector("#booking-panel")).getText()).doesNotContainIgnoringCase("shift");

    // the host raises the price while the page is open: the page shows it at once
    assertThat(http.patch("/api/chargers/" + id, new JsonObject().put("pricePerHourMinor", 20000), host.token()).status())
      .isEqualTo(200);
    if (!fairEngine) {
      js("window.ChargeShare.slots.applyCharger({type: 'charger', chargerId: arguments[0], status: 'ONLINE', availableNow: true,"
        + " kind: 'PRICE', pricePerHourMinor: 20000, currency: 'INR'})", id);
    }
    waiting().until(ExpectedConditions.textToBe(By.id("price-per-hour"), "₹200.00 / hour"));

    // make the page stale again, as if that push had been missed: the server must catch it
    js("window.ChargeShare.slots.applyCharger({type: 'charger', chargerId: arguments[0], status: 'ONLINE', availableNow: true,"
      + " pricePerHourMinor: 15000, currency: 'INR'})", id);
    stub(fairEngine ? new JsonArray()
      : new JsonArray().add(error(409, "PRICE_CHANGED", new JsonObject().put("priceMinor", 20000).put("currency", "INR"))));
    slot(20).click();
    // chosen, and still readable while the finger (or pointer) rests on it
    new Actions(driver).moveToElement(slot(20)).perform();
    assertThat(contrast(slot(20))).isGreaterThanOrEqualTo(4.5);
    assertThat(driver.findElement(By.id("selection")).getText()).contains("1 h").contains("₹150.00");
    driver.findElement(By.id("book-button")).click();

    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-new-price")));
    assertThat(driver.findElement(By.id("booking-result")).getText()).contains("The price has changed")
      .contains("₹200.00").contains("₹150.00").contains("Nothing was booked");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ?", id)).isZero();
    assertThat(driver.findElement(By.id("confirm-new-price")).getText()).isEqualTo("Book at ₹200.00");
    driver.findElement(By.id("confirm-new-price")).click();

    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("booking-confirmation")));
    assertThat(driver.findElement(By.id("booking-confirmation")).getText()).startsWith("Booked at Price Bay").contains("₹200.00");
    assertThat(sent()).extracting(b -> ((Number) b.get("expectedPriceMinor")).longValue()).containsExactly(15000L, 20000L);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ? AND price_minor = 20000", id)).isEqualTo(1);
  }

  @Test
  @DisplayName("SLOT_TAKEN lists alternatives by name, distance and price; another charger is booked only after a question that names it")
  void alternatives() {
    Session me = Session.register(http, "DRIVER", "Arun Alternative");
    long home = http.createCharger(host.token(), Http.chargerBody("Alt Home", 13.10, 77.60));
    long neighbour = http.createCharger(host.token(), Http.chargerBody("Alt Neighbour", 13.105, 77.60));
    logIn(me, "/chargers/" + home);
    openTomorrow(home);

    Instant start = tomorrowSlot(24);
    String other = http.signUp("DRIVER");
    assertThat(http.post("/api/bookings", Http.booking(home, start, start.plusSeconds(3600)), other).status()).isEqualTo(201);
    waiting().until(d -> "BOOKED".equals(slot(24).getAttribute("data-status")));
    // the page missed that push
    js("window.ChargeShare.slots.apply([{start: arguments[0], end: arguments[1], status: 'FREE'}])",
      start.toString(), start.plusSeconds(3600).toString());
    stub(fairEngine ? new JsonArray() : new JsonArray().add(error(409, "SLOT_TAKEN", new JsonObject().put("alternatives", new JsonArray()
      .add(new JsonObject().put("chargerId", home).put("start", start.plusSeconds(3600).toString())
        .put("end", start.plusSeconds(7200).toString()).put("name", "Alt Home").put("distanceKm", 0).put("priceMinor", 15000)
        .put("currency", "INR"))
      .add(new JsonObject().put("chargerId", neighbour).put("start", start.toString()).put("end", start.plusSeconds(3600).toString())
        .put("name", "Alt Neighbour").put("distanceKm", 0.56).put("priceMinor", 15000).put("currency", "INR"))))));
    slot(24).click();
    driver.findElement(By.id("book-button")).click();

    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#booking-result [data-alternative='elsewhere']")));
    WebElement elsewhere = driver.findElement(By.cssSelector("#booking-result [data-alternative='elsewhere']"));
    assertThat(elsewhere.getText()).contains("at Alt Neighbour").contains("km away").contains("₹150.00");
    assertThat(driver.findElement(By.cssSelector("#booking-result [data-alternative='here']")).getText()).contains("here")
      .contains("₹150.00").doesNotContain("#");
    elsewhere.click();

    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("alternative-question")));
    assertThat(driver.findElement(By.id("alternative-question")).getText()).isEqualTo("Book Alt Neighbour instead?");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ?", neighbour)).isZero();
    driver.findElement(By.id("confirm-alternative")).click();

    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("booking-confirmation")));
    assertThat(driver.findElement(By.id("booking-confirmation")).getText()).startsWith("Booked at Alt Neighbour");
    assertThat(driver.findElement(By.id("booking-result")).getText()).contains("Open Alt Neighbour's page");
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ? AND driver_id = ? AND status = 'CONFIRMED'",
      neighbour, me.userId())).isEqualTo(1);
  }

  @Test
  @DisplayName("DRIVER_OVERLAP links to the booking in the way, BOOKING_LIMIT names the limit, RATE_LIMITED says how long to wait")
  void refusalsExplained() {
    Session me = Session.register(http, "DRIVER", "Olu Overlap");
    long a = http.createCharger(host.token(), Http.chargerBody("Overlap A", 14.0, 78.0));
    long b = http.createCharger(host.token(), Http.chargerBody("Overlap B", 14.0, 78.01));
    Instant start = tomorrowSlot(20);
    var mine = http.post("/api/bookings", Http.booking(a, start, start.plusSeconds(3600)), me.token());
    assertThat(mine.status()).isEqualTo(201);
    long mineId = mine.json().getJsonObject("booking").getLong("id");

    logIn(me, "/chargers/" + b);
    openTomorrow(b);
    // null: this one goes to the server
    JsonArray answers = fairEngine ? new JsonArray().addNull()
      : new JsonArray().add(error(409, "DRIVER_OVERLAP", new JsonObject().put("bookingId", mineId)));
    stub(answers.add(error(409, "BOOKING_LIMIT", new JsonObject().put("limit", 5)))
      .add(error(429, "RATE_LIMITED", new JsonObject()).put("headers", new JsonObject().put("Retry-After", "42"))));

    slot(20).click();
    driver.findElement(By.id("book-button")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("booking-result"), "You already have a booking at that time"));
    assertThat(driver.findElement(By.cssSelector("#booking-result a")).getAttribute("href")).endsWith("/bookings#booking-" + mineId);
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ?", b)).isZero();

    slot(30).click();
    driver.findElement(By.id("book-button")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("booking-result"), "most upcoming bookings"));
    assertThat(driver.findElement(By.id("booking-result")).getText()).contains("(5)");

    slot(34).click();
    driver.findElement(By.id("book-button")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("booking-result"), "Too many booking attempts"));
    assertThat(driver.findElement(By.id("booking-result")).getText()).contains("42 seconds");
  }

  @Test
  @DisplayName("the driver's own slots are marked as theirs; a charger going offline shows its slots OFFLINE and not selectable")
  void ownSlotsAndOffline() {
    Session me = Session.register(http, "DRIVER", "Mina Mine");
    long id = http.createCharger(host.token(), Http.chargerBody("Own Bay", 15.0, 78.0));
    Instant start = tomorrowSlot(20);
    assertThat(http.post("/api/bookings", Http.booking(id, start, start.plusSeconds(3600)), me.token()).status()).isEqualTo(201);
    logIn(me, "/chargers/" + id);
    openTomorrow(id);

    waiting().until(d -> "true".equals(slot(20).getAttribute("data-mine")));
    assertThat(slot(21).getAttribute("data-mine")).isEqualTo("true");
    assertThat(slot(21).getText()).contains("Yours");
    assertThat(slot(21).getAttribute("aria-label")).contains("your booking");
    assertThat(slot(22).getAttribute("data-mine")).isEqualTo("false");

    // desktop: the chosen slot stays readable under the pointer
    slot(30).click();
    new Actions(driver).moveToElement(slot(30)).perform();
    assertThat(contrast(slot(30))).isGreaterThanOrEqualTo(4.5);

    assertThat(http.patch("/api/chargers/" + id, new JsonObject().put("status", "OFFLINE"), host.token()).status()).isEqualTo(200);
    waiting().until(d -> "offline".equals(d.findElement(By.id("charger-state")).getAttribute("data-state")));
    waiting().until(d -> "OFFLINE".equals(slot(30).getAttribute("data-status")));
    assertThat(slot(30).isEnabled()).isFalse();
    assertThat(driver.findElements(By.cssSelector("#slot-grid [data-status='FREE']"))).isEmpty();
    assertThat(driver.findElement(By.id("book-button")).isEnabled()).isFalse();

    // and so on a fresh load
    openTomorrow(id);
    assertThat(driver.findElements(By.cssSelector("#slot-grid [data-status='FREE']"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("#slot-grid [data-status='OFFLINE']"))).hasSizeGreaterThan(40);
    assertThat(slot(30).isEnabled()).isFalse();
  }

  @Test
  @DisplayName("phone: the driver cancels with a reason after a question; a host's cancel arrives live with who and why; ended ones leave Upcoming")
  void cancelsOnPhone() {
    phone();
    Session me = Session.register(http, "DRIVER", "Cara Cancel");
    long id = http.createCharger(host.token(), Http.chargerBody("Cancel Bay", 16.0, 78.0));
    long[] ids = new long[3];
    for (int i = 0; i < 3; i++) {
      Instant start = tomorrowSlot(16 + 4 * i);
      var r = http.post("/api/bookings", Http.booking(id, start, start.plusSeconds(3600)), me.token());
      assertThat(r.status()).isEqualTo(201);
      ids[i] = r.json().getJsonObject("booking").getLong("id");
    }
    logIn(me, "/bookings");
    By upcoming = By.cssSelector("[data-list='upcoming'] [data-booking]");
    waiting().until(d -> d.findElements(upcoming).size() == 3);
    assertThat(driver.findElement(By.cssSelector("[data-section='cancelled']")).isDisplayed()).isFalse();

    // the driver is asked first; "keep" changes nothing
    driver.findElement(By.cssSelector("#booking-" + ids[0] + " form[data-cancel-form] button")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-dialog")));
    assertThat(driver.findElement(By.id("cancel-dialog-what")).getText()).contains("Cancel Bay");
    driver.findElement(By.id("cancel-dialog-keep")).click();
    waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("cancel-dialog")));
    assertThat(Sql.rows(server.db(), "SELECT status FROM bookings WHERE id = ?", ids[0]).get(0).get("status")).isEqualTo("CONFIRMED");

    driver.findElement(By.cssSelector("#booking-" + ids[0] + " form[data-cancel-form] button")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-dialog")));
    driver.findElement(By.id("cancel-reason")).sendKeys("Plans changed");
    driver.findElement(By.id("cancel-dialog-confirm")).click();
    By firstInCancelled = By.cssSelector("[data-list='cancelled'] #booking-" + ids[0]);
    waiting().until(ExpectedConditions.visibilityOfElementLocated(firstInCancelled));
    assertThat(driver.findElement(By.cssSelector("#booking-" + ids[0] + " [data-cancel-note]")).getText())
      .isEqualTo("Cancelled by you: “Plans changed”");
    assertThat(Sql.rows(server.db(), "SELECT status FROM bookings WHERE id = ?", ids[0]).get(0).get("status")).isEqualTo("CANCELLED");

    // the host cancels another: the open page hears it on its socket
    assertThat(http.post("/api/bookings/" + ids[1] + "/cancel", new JsonObject().put("reason", "Power cut in the building"),
      host.token()).status()).isEqualTo(200);
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-list='cancelled'] #booking-" + ids[1])));
    String note = driver.findElement(By.cssSelector("#booking-" + ids[1] + " [data-cancel-note]")).getText();
    assertThat(driver.findElements(upcoming)).hasSize(1);
    if (fairEngine) {
      assertThat(note).isEqualTo("Cancelled by the host: “Power cut in the building”");
    } else {
      assertThat(note).startsWith("Cancelled");
    }

    // a window that has ended leaves "Upcoming"
    js("document.getElementById('booking-' + arguments[0]).dataset.end = new Date(Date.now() - 1000).toISOString();"
      + "window.ChargeShare.bookings.sweep();", ids[2]);
    assertThat(driver.findElements(By.cssSelector("[data-list='past'] #booking-" + ids[2]))).hasSize(1);
    assertThat(driver.findElements(upcoming)).isEmpty();
    assertThat(driver.findElement(By.cssSelector("[data-empty='upcoming']")).isDisplayed()).isTrue();
  }

  @Test
  @DisplayName("a host's cancel reason reaches the driver's bookings page after a reload, said as the host's")
  void hostReasonAfterReload() {
    assumeServer(fairEngine);
    Session me = Session.register(http, "DRIVER", "Rita Reload");
    long id = http.createCharger(host.token(), Http.chargerBody("Reason Bay", 16.5, 78.0));
    Instant start = tomorrowSlot(30);
    long booking = http.post("/api/bookings", Http.booking(id, start, start.plusSeconds(3600)), me.token()).json()
      .getJsonObject("booking").getLong("id");
    assertThat(http.post("/api/bookings/" + booking + "/cancel", new JsonObject().put("reason", "Maintenance"), host.token()).status())
      .isEqualTo(200);
    logIn(me, "/bookings");
    waiting().until(d -> d.findElement(By.cssSelector("#booking-" + booking + " [data-cancel-note]")).isDisplayed());
    assertThat(driver.findElement(By.cssSelector("#booking-" + booking + " [data-cancel-note]")).getText())
      .isEqualTo("Cancelled by the host: “Maintenance”");
  }

  @Test
  @DisplayName("map markers and list entries show Closed now for a charger outside its opening hours, not Busy")
  void closedOnTheMap() {
    String otherDay = ZonedDateTime.now(ZoneId.of("Asia/Kolkata")).getDayOfWeek().plus(3).name().substring(0, 3);
    long closed = http.createCharger(host.token(), Http.chargerBody("Shut Bay", 17.0, 79.0)
      .put("openingHours", new JsonArray().add(new JsonObject().put("day", otherDay).put("open", "08:00").put("close", "20:00"))));
    long open = http.createCharger(host.token(), Http.chargerBody("Open Bay", 17.002, 79.002));
    driver.get(server.url() + "/?lat=17.001&lng=79.001&zoom=15");
    By marker = By.cssSelector("#map .cs-marker[data-charger-id='" + open + "']");
    waiting().until(d -> !d.findElements(marker).isEmpty());
    assertThat(driver.findElement(marker).getAttribute("data-availability")).isEqualTo("free");
    // a pushed nowStatus recolours a marker
    js("window.ChargeShare.map.applyLive({type: 'charger', chargerId: arguments[0], status: 'ONLINE', availableNow: false,"
      + " nowStatus: 'CLOSED'})", open);
    waiting().until(d -> "closed".equals(d.findElement(marker).getAttribute("data-availability")));
    assertThat(driver.findElement(By.cssSelector("#charger-list li[data-charger-id='" + open + "']")).getText()).contains("Closed now");

    assumeServer(fairEngine);
    By shut = By.cssSelector("#map .cs-marker[data-charger-id='" + closed + "']");
    assertThat(driver.findElement(shut).getAttribute("data-availability")).isEqualTo("closed");
    assertThat(driver.findElement(By.cssSelector("#charger-list li[data-charger-id='" + closed + "']")).getText())
      .contains("Closed now").doesNotContain("Busy");
  }
}
