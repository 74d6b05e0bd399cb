package com.chargeshare.pages;

import com.chargeshare.payment.FakeRazorpay;
import com.chargeshare.support.Browser;
import com.chargeshare.support.BrowserTest;
import com.chargeshare.support.Eventually;
import com.chargeshare.support.Http;
import com.chargeshare.support.MovableClock;
import com.chargeshare.support.Session;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The booking lifecycle on the pages, in headless Chromium, with payments on against the fake Razorpay (its fake
 * Checkout script pays at once, or is dismissed): the terms shown before booking, paying at Checkout, a dismissed
 * Checkout with its countdown and the release of the hold, check-in on the bookings page, and the host seeing
 * check-ins and no-shows. The last test moves the server's clock forward, so it runs last.
 */
@BrowserTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The booking lifecycle on the pages: Razorpay Checkout, hold countdown, dismissal, check-in, no-shows (headless Chromium)")
class LifecycleBrowserTest {

  static final MovableClock clock = new MovableClock();
  static FakeRazorpay razorpay;
  static TestServer server;
  static Http http;
  static Session host;
  WebDriver driver;

  @BeforeAll
  static void start() {
    razorpay = FakeRazorpay.start();
    server = TestServer.start("lifebrowser", razorpay.settings(600)
      .put("booking", new JsonObject().put("lifecycleTickMillis", 200)), clock);
    http = new Http(server.url());
    host = Session.register(http, "HOST", "Hema Host");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (razorpay != null) {
      razorpay.close();
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

  private void logIn(Session who, String next) {
    driver.get(server.url() + "/login?next=" + next);
    driver.findElement(By.cssSelector("input[name=email]")).sendKeys(who.email());
    driver.findElement(By.cssSelector("input[name=password]")).sendKeys(Session.PASSWORD);
    driver.findElement(By.cssSelector("form[data-auth-form=login] button[type=submit]")).click();
    waiting().until(d -> !d.getCurrentUrl().contains("/login") && d.getCurrentUrl().contains(next));
  }

  private void openTomorrow(long chargerId) {
    driver.get(server.url() + "/chargers/" + chargerId);
    waiting().until(d -> "true".equals(d.findElement(By.id("slot-grid")).getAttribute("data-loaded")));
    new Select(driver.findElement(By.id("day-picker"))).selectByIndex(1);
    String first = tomorrowSlot(0).toString();
    waiting().until(d -> !d.findElements(By.cssSelector("#slot-grid [data-index='0'][data-slot-start='" + first + "']")).isEmpty());
  }

  private static Instant tomorrowSlot(int index) {
    ZonedDateTime midnight = ZonedDateTime.now(ZoneId.of("Asia/Kolkata")).toLocalDate().plusDays(1).atStartOfDay(ZoneId.of("Asia/Kolkata"));
    return midnight.toInstant().plusSeconds(index * 1800L);
  }

  private WebElement slot(int index) {
    return driver.findElement(By.cssSelector("#slot-grid [data-index='" + index + "']"));
  }

  private String statusOf(long chargerId, Instant start) {
    return (String) Sql.rows(server.db(), "SELECT status FROM bookings WHERE charger_id = ? AND start_at = ?", chargerId,
      java.time.LocalDateTime.ofInstant(start, java.time.ZoneOffset.UTC)).get(0).get("status");
  }

  @Test
  @Order(1)
  @DisplayName("the terms are shown before booking; Checkout (exactly the configured script, allowed by the CSP) pays and the page confirms")
  void payAtCheckout() {
    Session me = Session.register(http, "DRIVER", "Priya Payer");
    long id = http.createCharger(host.token(), Http.chargerBody("Pay Bay", 11.0, 76.0));
    Http.Response page = me.page("/chargers/" + id);
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("script-src 'self' " + razorpay.url() + "/checkout.js;");
    assertThat(page.body()).contains("<script src=\"" + razorpay.url() + "/checkout.js\" defer></script>");

    logIn(me, "/chargers/" + id);
    openTomorrow(id);
    assertThat(driver.findElement(By.cssSelector("[data-cancellation-policy]")).getText())
      .contains("Full refund if cancelled up to 24 hours before the start").contains("A host's cancellation always refunds in full");
    assertThat(driver.findElement(By.cssSelector("[data-payment-note]")).getText()).contains("held for you for 10 minutes");
    slot(20).click();
    driver.findElement(By.id("book-button")).click();
    WebElement done = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("booking-confirmation")));
    assertThat(done.getText()).contains("Booked at Pay Bay");
    assertThat(js("return window.FAKE_RAZORPAY_OPENED.amount")).isEqualTo(15000L);
    assertThat(statusOf(id, tomorrowSlot(20))).isEqualTo("CONFIRMED");
  }

  @Test
  @Order(2)
  @DisplayName("Checkout closed unpaid: the hold's countdown shows, the driver can pay again or release the slot at once")
  void dismissAndRelease() {
    Session me = Session.register(http, "DRIVER", "Dev Dismiss");
    long id = http.createCharger(host.token(), Http.chargerBody("Dismiss Bay", 11.1, 76.1));
    logIn(me, "/chargers/" + id);
    openTomorrow(id);
    js("window.FAKE_RAZORPAY_DISMISS = true;");
    slot(22).click();
    driver.findElement(By.id("book-button")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("payment-dismissed")));
    assertThat(driver.findElement(By.id("hold-countdown")).getText()).matches("(9|10):\\d\\d");
    assertThat(statusOf(id, tomorrowSlot(22))).isEqualTo("PENDING_PAYMENT");
    driver.findElement(By.id("release-hold")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("hold-released")));
    assertThat(statusOf(id, tomorrowSlot(22))).isEqualTo("CANCELLED");
    waiting().until(d -> "FREE".equals(d.findElement(By.cssSelector("#slot-grid [data-index='22']")).getAttribute("data-status")));
  }

  /** A paid booking through the API: hold, then the checkout callback. */
  private long paidBooking(Session who, long chargerId, Instant start) {
    Http.Response r = http.post("/api/bookings", Http.booking(chargerId, start, start.plus(Duration.ofHours(1))), who.token());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    long id = r.json().getJsonObject("booking").getLong("id");
    String order = r.json().getJsonObject("payment").getString("orderId");
    String payment = razorpay.capture(order);
    assertThat(http.post("/api/bookings/" + id + "/payment", new JsonObject().put("razorpayOrderId", order)
      .put("razorpayPaymentId", payment).put("razorpaySignature", FakeRazorpay.signature(order, payment)), who.token()).status())
      .isEqualTo(200);
    return id;
  }

  @Test
  @Order(3)
  @DisplayName("check-in from the bookings page once it opens; a no-show moves its card live; the host's agenda shows both")
  void checkInAndNoShow() {
    Session me = Session.register(http, "DRIVER", "Chandra Checkin");
    Session other = Session.register(http, "DRIVER", "Nobody Came");
    long id = http.createCharger(host.token(), Http.chargerBody("Arrive Bay", 11.2, 76.2));
    Instant start = tomorrowSlot(24);
    long mine = paidBooking(me, id, start);
    long missed = paidBooking(other, id, start.plus(Duration.ofHours(2)));

    logIn(me, "/bookings");
    WebElement card = driver.findElement(By.id("booking-" + mine));
    assertThat(card.findElements(By.cssSelector("[data-check-in-form]"))).isEmpty();
    assertThat(card.findElement(By.cssSelector("[data-check-in-opens]")).getText()).startsWith("Check in from");
    assertThat(driver.findElement(By.cssSelector("[data-lifecycle-rules]")).getText()).contains("no-show").contains("Cancellation:");

    clock.setTo(start.minus(Duration.ofMinutes(10)));
    driver.get(server.url() + "/bookings");
    driver.findElement(By.cssSelector("[data-check-in-form='" + mine + "'] button")).click();
    waiting().until(d -> d.getCurrentUrl().contains("notice=checked-in"));
    assertThat(driver.findElement(By.cssSelector("#booking-" + mine + " [data-booking-status]")).getText()).startsWithIgnoringCase("Checked in");
    assertThat(statusOf(id, start)).isEqualTo("CONFIRMED");

    // the other driver's page is open when nobody checks in to their booking: its card leaves "Upcoming" live
    driver.manage().deleteAllCookies();
    logIn(other, "/bookings");
    waiting().until(ExpectedConditions.attributeToBe(By.id("live-indicator"), "data-state", "connected"));
    assertThat(driver.findElement(By.id("booking-" + missed)).getAttribute("data-status")).isEqualTo("CONFIRMED");
    clock.setTo(start.plus(Duration.ofMinutes(2 * 60 + 16)));
    Eventually.within(Duration.ofSeconds(20)).until("the second booking is a no-show", () -> "NO_SHOW".equals(statusOf(id, start.plus(Duration.ofHours(2)))));
    waiting().until(ExpectedConditions.attributeToBe(By.id("booking-" + missed), "data-status", "NO_SHOW"));
    assertThat(driver.findElement(By.cssSelector("[data-list='cancelled'] #booking-" + missed + " [data-booking-status]")).getText())
      .isEqualToIgnoringCase("No-show");
    driver.manage().deleteAllCookies();
    logIn(host, "/host");
    WebElement agenda = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("agenda-booking-" + mine)));
    assertThat(agenda.findElement(By.cssSelector("[data-checked-in]")).getText()).startsWith("Checked in");
    assertThat(driver.findElement(By.cssSelector("#agenda-booking-" + missed + " [data-no-show]")).getText()).isEqualTo("No-show");
  }
}
