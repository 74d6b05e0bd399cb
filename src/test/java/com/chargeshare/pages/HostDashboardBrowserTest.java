package com.chargeshare.pages;

import com.chargeshare.support.Browser;
import com.chargeshare.support.BrowserTest;
import com.chargeshare.support.Http;
import com.chargeshare.support.Session;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
@DisplayName("The host dashboard in a real browser")
class HostDashboardBrowserTest {

  static TestServer server;
  static Http http;
  WebDriver browser;

  @BeforeAll
  static void start() {
    server = TestServer.start("hostbrowser");
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void useBrowser(WebDriver driver) {
    browser = driver;
  }

  private WebDriverWait waitUp() {
    return Browser.waiting(browser, 15);
  }

  private void logIn(Session who) {
    browser.get(server.url() + "/login");
    browser.findElement(By.cssSelector("input[name=email]")).sendKeys(who.email());
    browser.findElement(By.cssSelector("input[name=password]")).sendKeys(Session.PASSWORD);
    browser.findElement(By.cssSelector("form[data-auth-form=login] button[type=submit]")).click();
  }

  private String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText().trim();
  }

  @Test
  @DisplayName("a host logs in, sees a driver's booking, cancels it, and the utilization drops")
  void cancelFromDashboard() {
    Session host = Session.register(http, "HOST", "Bina Browser-Host");
    Session driver = Session.register(http, "DRIVER", "Ravi Driver");
    long charger = http.createCharger(host.token(), Http.chargerBody("Browser Bay", 12.97, 77.59));
    Instant start = Http.hoursAhead(26);
    var booked = http.post("/api/bookings", Http.booking(charger, start, start.plusSeconds(4 * 3600)), driver.token());
    assertThat(booked.status()).isEqualTo(201);
    long bookingId = booked.json().getJsonObject("booking").getLong("id");

    logIn(host);
    waitUp().until(ExpectedConditions.urlToBe(server.url() + "/host"));
    WebElement row = waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("agenda-booking-" + bookingId)));
    assertThat(row.getText()).contains("Ravi Driver").contains("Browser Bay");
    // 4 of 168 open hours in the coming week
    assertThat(text("[data-stat=utilization-next7]")).isEqualTo("2.4%");
    assertThat(text("[data-stat=earnings-next7]")).isEqualTo("₹600.00");
    waitUp().until(d -> !d.findElement(By.cssSelector("[data-charts]")).getAttribute("class").isEmpty()
      && d.findElement(By.cssSelector("[data-charts]")).isDisplayed());

    // the host is asked first, and may give the driver a reason
    browser.findElement(By.id("cancel-" + bookingId)).click();
    waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-dialog")));
    assertThat(browser.findElement(By.id("cancel-dialog-what")).getText()).contains("Ravi Driver").contains("Browser Bay");
    browser.findElement(By.id("cancel-dialog-keep")).click();
    waitUp().until(ExpectedConditions.invisibilityOfElementLocated(By.id("cancel-dialog")));
    assertThat(Sql.rows(server.db(), "SELECT status FROM bookings WHERE id = ?", bookingId).get(0).get("status")).isEqualTo("CONFIRMED");
    browser.findElement(By.id("cancel-" + bookingId)).click();
    waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-dialog")));
    browser.findElement(By.id("cancel-reason")).sendKeys("The charger needs a repair");
    browser.findElement(By.id("cancel-dialog-confirm")).click();
    waitUp().until(d -> "CANCELLED".equals(d.findElement(By.id("agenda-booking-" + bookingId)).getAttribute("data-status")));
    waitUp().until(ExpectedConditions.textToBe(By.cssSelector("[data-stat=utilization-next7]"), "0.0%"));
    // the stats may be drawn once more (the live push of the same cancellation): read them once they stand
    waitUp().until(ExpectedConditions.textToBe(By.cssSelector("[data-stat=earnings-next7]"), "₹0.00"));
    assertThat(browser.findElement(By.id("agenda-booking-" + bookingId)).getAttribute("data-status")).isEqualTo("CANCELLED");
    assertThat(browser.findElements(By.id("cancel-" + bookingId))).isEmpty();
    assertThat(Sql.rows(server.db(), "SELECT status FROM bookings WHERE id = ?", bookingId).get(0).get("status")).isEqualTo("CANCELLED");
    assertThat(http.get("/api/bookings/" + bookingId, driver.token()).json().getJsonObject("booking").getString("status"))
      .isEqualTo("CANCELLED");
  }

  @Test
  @DisplayName("with the live socket, a new booking and its cancellation appear on the open dashboard without a reload")
  void liveUpdates() {
    Session host = Session.register(http, "HOST", "Live Lata");
    Session driver = Session.register(http, "DRIVER", "Live Driver");
    long charger = http.createCharger(host.token(), Http.chargerBody("Live Lane", 12.97, 77.59));
    logIn(host);
    waitUp().until(ExpectedConditions.urlToBe(server.url() + "/host"));
    waitUp().until(ExpectedConditions.attributeToBe(By.id("live-indicator"), "data-state", "connected"));
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript("window.__sameDocument = true;");

    Instant start = Http.hoursAhead(28);
    long bookingId = http.post("/api/bookings", Http.booking(charger, start, start.plusSeconds(3600)), driver.token())
      .json().getJsonObject("booking").getLong("id");
    WebElement row = waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("agenda-booking-" + bookingId)));
    assertThat(row.getText()).contains("Live Driver");
    waitUp().until(ExpectedConditions.textToBe(By.cssSelector("[data-stat=utilization-next7]"), "0.6%"));

    assertThat(http.post("/api/bookings/" + bookingId + "/cancel", null, driver.token()).status()).isEqualTo(200);
    waitUp().until(ExpectedConditions.attributeToBe(By.id("agenda-booking-" + bookingId), "data-status", "CANCELLED"));
    waitUp().until(ExpectedConditions.textToBe(By.cssSelector("[data-stat=utilization-next7]"), "0.0%"));
    assertThat(js.executeScript("return window.__sameDocument === true;")).isEqualTo(true);
  }

  @Test
  @DisplayName("a driver cancels from /bookings without a reload, and the card says so")
  void driverCancelsInPlace() {
    Session host = Session.register(http, "HOST", "Hosting Hari");
    Session driver = Session.register(http, "DRIVER", "Script Driver");
    long charger = http.createCharger(host.token(), Http.chargerBody("Script Spot", 12.97, 77.59)
      .put("accessInstructions", "Code 1234"));
    Instant start = Http.hoursAhead(30);
    long bookingId = http.post("/api/bookings", Http.booking(charger, start, start.plusSeconds(3600)), driver.token())
      .json().getJsonObject("booking").getLong("id");

    logIn(driver);
    waitUp().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    browser.get(server.url() + "/bookings");
    WebElement card = waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("booking-" + bookingId)));
    assertThat(card.getText()).contains("Code 1234").containsIgnoringCase("Confirmed");
    ((JavascriptExecutor) browser).executeScript("window.__sameDocument = true;");
    card.findElement(By.cssSelector("form[data-cancel-form] button")).click();
    // asked first; no reason is needed
    waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-dialog")));
    browser.findElement(By.id("cancel-dialog-confirm")).click();
    waitUp().until(ExpectedConditions.attributeToBe(By.id("booking-" + bookingId), "data-status", "CANCELLED"));
    assertThat(browser.findElement(By.cssSelector("#booking-" + bookingId + " [data-cancel-note]")).getText())
      .isEqualTo("Cancelled by you.");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument === true;")).isEqualTo(true);
    assertThat(browser.findElement(By.id("booking-" + bookingId)).getText()).containsIgnoringCase("Cancelled").doesNotContain("Code 1234");
    assertThat(Sql.rows(server.db(), "SELECT status FROM bookings WHERE id = ?", bookingId).get(0).get("status")).isEqualTo("CANCELLED");
  }
}
