package com.chargeshare.pages;

import com.chargeshare.support.Browser;
import com.chargeshare.support.BrowserTest;
import com.chargeshare.support.Http;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import com.chargeshare.text.Money;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
@DisplayName("The map and a charger's page in a real browser (headless Chromium), with no map tiles reachable")
class MapBrowserTest {

  static TestServer server;
  static Http http;
  static String host;
  static long fastId;
  static final String XSS_NAME = "<img src=x onerror=window.__xss=1> Bay";
  WebDriver driver;

  @BeforeAll
  static void start() {
    // tiles come from an address where nothing listens: markers must show without them
    server = TestServer.start("mapbrowser", new JsonObject().put("map", new JsonObject()
      .put("tileUrl", "https://127.0.0.1:9/{z}/{x}/{y}.png").put("defaultLat", 12.9716).put("defaultLng", 77.5946)
      .put("defaultZoom", 13))
      // the booking made below starts about a day ahead; its access instructions are shown from 48 hours before
      .put("booking", new JsonObject().put("accessInstructionsHoursBefore", 48)));
    http = new Http(server.url());
    host = http.signUp("HOST");
    fastId = http.createCharger(host, Http.chargerBody("Fast DC one", 12.9716, 77.5946).put("connectorType", "CCS2").put("powerKw", 50));
    http.createCharger(host, Http.chargerBody("Fast DC two", 12.975, 77.60).put("connectorType", "CCS2").put("powerKw", 60));
    http.createCharger(host, Http.chargerBody("Home AC", 12.968, 77.59).put("connectorType", "TYPE2").put("powerKw", 7.4));
    http.createCharger(host, Http.chargerBody(XSS_NAME, 12.973, 77.585).put("connectorType", "TYPE2").put("powerKw", 11));
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

  private List<WebElement> markers() {
    return driver.findElements(By.cssSelector("#map .cs-marker"));
  }

  @Test
  @DisplayName("the map shows markers for the chargers in view, a filter hides some, and a list entry opens the charger page")
  void mapFilterAndOpen() {
    driver.get(server.url() + "/?lat=12.9716&lng=77.5946&zoom=14");
    waiting().until(d -> markers().size() == 4);
    assertThat(driver.findElements(By.cssSelector("#charger-list li[data-charger-id]"))).hasSize(4);
    assertThat(driver.findElement(By.id("map-status")).getText()).contains("4 chargers in view");
    assertThat(markers()).allSatisfy(m -> assertThat(m.getAttribute("data-availability")).isEqualTo("free"));
    // a name with HTML in it is shown as text, and none of it runs
    assertThat(driver.findElement(By.id("charger-list")).getText()).contains(XSS_NAME);
    assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);

    new Select(driver.findElement(By.id("f-connector"))).selectByValue("CCS2");
    waiting().until(d -> markers().size() == 2);
    assertThat(driver.findElement(By.id("charger-list")).getText()).contains("Fast DC one").contains("Fast DC two")
      .doesNotContain("Home AC");

    new Select(driver.findElement(By.id("f-power"))).selectByValue("100");
    waiting().until(d -> markers().isEmpty());
    driver.findElement(By.id("f-reset")).click();
    waiting().until(d -> markers().size() == 4);

    // a live message recolours one marker, and its popup tells it. The message is made up here while the server
    // still says online, so a re-read of the markers the map may be doing (after the filter reset) can put the
    // server's word back: the message is applied again until the popup, opened after it, shows it
    By fastMarker = By.cssSelector("#map .cs-marker[data-charger-id='" + fastId + "']");
    // the popup's text is read while it is open: a re-read of the markers may close it again at any moment
    AtomicReference<String> popupText = new AtomicReference<>();
    waiting().until(d -> {
      ((JavascriptExecutor) d).executeScript("window.ChargeShare.map.applyLive({type: 'charger', chargerId: arguments[0], "
        + "status: 'OFFLINE', availableNow: false})", fastId);
      if (!"offline".equals(d.findElement(fastMarker).getAttribute("data-availability"))) {
        return false;
      }
      d.findElement(fastMarker).click();
      List<WebElement> popup = d.findElements(By.cssSelector(".cs-popup"));
      if (popup.isEmpty() || !popup.get(0).isDisplayed()) {
        return false;
      }
      popupText.set(popup.get(0).getText());
      return popupText.get().contains("Offline");
    });
    assertThat(popupText.get()).contains("Fast DC one").contains("50 kW")
      .contains("CCS2").contains("₹150.00").contains("Offline");

    // the list may be drawn again meanwhile: a stale link is looked up again
    waiting().until(d -> {
      d.findElement(By.cssSelector("#charger-list li[data-charger-id='" + fastId + "'] a")).click();
      return true;
    });
    waiting().until(ExpectedConditions.textToBe(By.id("charger-heading"), "Fast DC one"));
    waiting().until(d -> !d.findElements(By.cssSelector("#slot-grid[data-loaded='true'] [data-slot-start]")).isEmpty());
    // today may have no free slot left (after 23:30 at the charger), tomorrow always has
    new Select(driver.findElement(By.id("day-picker"))).selectByIndex(1);
    waiting().until(d -> !d.findElements(By.cssSelector("#slot-grid[data-loaded='true'] [data-status='FREE']")).isEmpty());
    assertThat(driver.findElement(By.id("login-to-book")).getAttribute("href")).endsWith("/login?next=/chargers/" + fastId);
  }

  @Test
  @DisplayName("a logged-in driver picks a window on the charger page, books it and sees the confirmation inline")
  void driverBooks() {
    String email = "browser-" + UUID.randomUUID() + "@example.com";
    http.signUp("DRIVER", email);
    long id = http.createCharger(host, Http.chargerBody("Bookable bay", 12.97, 77.59).put("accessInstructions", "Bay 7, code 1234"));

    driver.get(server.url() + "/login?next=/chargers/" + id);
    driver.findElement(By.cssSelector("input[name=email]")).sendKeys(email);
    driver.findElement(By.cssSelector("input[name=password]")).sendKeys("correct-horse-1");
    driver.findElement(By.cssSelector("form[data-auth-form=login] button[type=submit]")).click();
    waiting().until(ExpectedConditions.urlContains("/chargers/" + id));
    waiting().until(ExpectedConditions.textToBe(By.id("charger-heading"), "Bookable bay"));

    // tomorrow always has free slots, whatever the time of day now
    new Select(driver.findElement(By.id("day-picker"))).selectByIndex(1);
    waiting().until(d -> d.findElements(By.cssSelector("#slot-grid [data-status='PAST']")).isEmpty()
      && !d.findElements(By.cssSelector("#slot-grid [data-status='FREE']")).isEmpty());
    List<WebElement> free = driver.findElements(By.cssSelector("#slot-grid [data-status='FREE']"));
    WebElement first = free.get(20);
    String start = first.getAttribute("data-slot-start");
    first.click();
    // a second click on a later slot makes the window end there
    free.get(22).click();
    assertThat(driver.findElements(By.cssSelector("#slot-grid [data-selected='true']"))).hasSize(3);
    assertThat(driver.findElement(By.id("selection")).getText()).contains("1 h 30 min").contains("₹225.00");
    driver.findElement(By.id("book-button")).click();

    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("booking-confirmation")));
    assertThat(driver.findElement(By.id("booking-confirmation")).getText()).startsWith("Booked at Bookable bay").contains("₹225.00");
    waiting().until(d -> "BOOKED".equals(d.findElement(By.cssSelector("#slot-grid [data-slot-start='" + start + "']"))
      .getAttribute("data-status")));
    waiting().until(ExpectedConditions.textToBe(By.id("access-text"), "Bay 7, code 1234"));
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ? AND status = 'CONFIRMED'", id))
      .isEqualTo(1);

    // someone else takes a window the page still shows as free: the alternatives come inline, one click books one
    WebElement stale = driver.findElements(By.cssSelector("#slot-grid [data-status='FREE']")).get(24);
    String staleStart = stale.getAttribute("data-slot-start");
    String other = http.signUp("DRIVER");
    assertThat(http.post("/api/bookings", Http.booking(id, java.time.Instant.parse(staleStart),
      java.time.Instant.parse(staleStart).plusSeconds(3600)), other).status()).isEqualTo(201);
    // the live push marks it booked; make the page stale again, as if the push had not arrived yet
    waiting().until(d -> "BOOKED".equals(d.findElement(By.cssSelector("#slot-grid [data-slot-start='" + staleStart + "']"))
      .getAttribute("data-status")));
    By staleSlot = By.cssSelector("#slot-grid [data-slot-start='" + staleStart + "']");
    ((JavascriptExecutor) driver).executeScript("window.ChargeShare.slots.apply([{start: arguments[0], end: arguments[1], "
      + "status: 'FREE'}])", staleStart, driver.findElement(staleSlot).getAttribute("data-slot-end"));
    driver.findElement(staleSlot).click();
    driver.findElement(By.id("book-button")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#booking-result [data-alternative]")));
    assertThat(driver.findElement(By.id("booking-result")).getText()).contains("That window was just taken");
    driver.findElements(By.cssSelector("#booking-result [data-alternative]")).get(0).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("booking-confirmation")));
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM bookings WHERE charger_id = ? AND status = 'CONFIRMED'", id))
      .isEqualTo(3);

    // the live layer's entry points: a pushed change recolours the slots it covers
    WebElement later = driver.findElements(By.cssSelector("#slot-grid [data-status='FREE']")).get(30);
    String s = later.getAttribute("data-slot-start");
    String e = later.getAttribute("data-slot-end");
    ((JavascriptExecutor) driver).executeScript("window.ChargeShare.slots.apply([{start: arguments[0], end: arguments[1], "
      + "status: 'BLOCKED'}])", s, e);
    assertThat(driver.findElement(By.cssSelector("#slot-grid [data-slot-start='" + s + "']")).getAttribute("data-status"))
      .isEqualTo("BLOCKED");
    ((JavascriptExecutor) driver).executeScript("window.ChargeShare.slots.reload()");
    waiting().until(d -> "FREE".equals(d.findElement(By.cssSelector("#slot-grid [data-slot-start='" + s + "']"))
      .getAttribute("data-status")));
  }

  @Test
  @DisplayName("the browser writes money exactly as the server's pages do, in each currency's minor units (JPY 0, KWD 3, INR 2)")
  void moneyAsOnTheServer() {
    driver.get(server.url() + "/");
    List<String> codes = new ArrayList<>(Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode).sorted().toList());
    codes.add("XYZ");
    List<Long> amounts = List.of(0L, 5L, 1500L, 15050L, 123_456_789L);
    List<String> onServer = new ArrayList<>();
    codes.forEach(code -> amounts.forEach(minor -> onServer.add(code + " " + minor + ": " + Money.format(minor, code))));
    Object inBrowser = ((JavascriptExecutor) driver).executeScript("var amounts = arguments[1], out = [];"
      + "arguments[0].forEach(function (code) { amounts.forEach(function (minor) {"
      + "  out.push(code + ' ' + minor + ': ' + window.ChargeShare.format.money(minor, code)); }); });"
      + "return out;", codes, amounts);
    assertThat(inBrowser).isEqualTo(onServer);
    assertThat(onServer).contains("JPY 1500: ¥1,500", "KWD 1500: 1.500 KWD", "INR 15050: ₹150.50", "AED 15050: 150.50 AED");
  }
}
