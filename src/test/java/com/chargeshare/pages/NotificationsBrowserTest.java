package com.chargeshare.pages;

import com.chargeshare.support.Browser;
import com.chargeshare.support.BrowserTest;
import com.chargeshare.support.Http;
import com.chargeshare.support.Session;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Roles in the header and on charger pages, and the live notification bell, on a desktop window and a 390×844 phone. */
@BrowserTest
@DisplayName("Roles and notifications on the pages (headless Chromium)")
class NotificationsBrowserTest {

  static TestServer server;
  static Http http;
  WebDriver driver;

  @BeforeAll
  static void start() {
    server = TestServer.start("notifybrowser");
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
    this.driver = driver;
  }

  private WebDriverWait waiting() {
    return Browser.waiting(driver, 20);
  }

  private void size(String viewport) {
    if ("phone".equals(viewport)) {
      driver.manage().window().setSize(new Dimension(390, 844));
    }
  }

  private void logIn(Session who, String next) {
    driver.get(server.url() + "/login?next=" + next);
    driver.findElement(By.cssSelector("input[name=email]")).sendKeys(who.email());
    driver.findElement(By.cssSelector("input[name=password]")).sendKeys(Session.PASSWORD);
    driver.findElement(By.cssSelector("form[data-auth-form=login] button[type=submit]")).click();
    waiting().until(d -> !d.getCurrentUrl().contains("/login") && d.getCurrentUrl().contains(next));
  }

  private List<String> badges() {
    return driver.findElements(By.cssSelector("[data-role-badge]")).stream().map(WebElement::getText).toList();
  }

  private boolean fitsWidth() {
    return (Boolean) ((JavascriptExecutor) driver).executeScript(
      "return document.documentElement.scrollWidth <= window.innerWidth + 1;");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"desktop", "phone"})
  @DisplayName("a driver starts hosting from the header and sees both sides; a host books another's charger after 'Book as driver'")
  void rolesInTheHeader(String viewport) {
    size(viewport);
    Session driverUser = Session.register(http, "DRIVER", "Dee " + viewport);
    logIn(driverUser, "/bookings");
    assertThat(badges()).containsExactly("DRIVER");
    assertThat(driver.findElements(By.cssSelector("header a[href='/host']"))).isEmpty();
    driver.findElement(By.id("start-hosting")).click();
    waiting().until(d -> d.getCurrentUrl().endsWith("/host"));
    assertThat(badges()).containsExactly("DRIVER", "HOST");
    assertThat(driver.findElement(By.cssSelector("header a[href='/host']")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.cssSelector("header a[href='/bookings']")).isDisplayed()).isTrue();
    assertThat(driver.findElements(By.id("start-hosting"))).isEmpty();
    assertThat(fitsWidth()).isTrue();

    Session hostUser = Session.register(http, "HOST", "Hari " + viewport);
    long own = http.createCharger(hostUser.token(), Http.chargerBody("Hari's own", 11.0, 76.0));
    long theirs = http.createCharger(driverUser.token(), Http.chargerBody("Dee's", 11.01, 76.01));
    driver.manage().deleteAllCookies();
    logIn(hostUser, "/chargers/" + theirs);
    WebElement become = driver.findElement(By.id("become-driver"));
    assertThat(become.getText()).isEqualTo("Book as driver");
    become.click();
    waiting().until(d -> d.getCurrentUrl().endsWith("/chargers/" + theirs) && !d.findElements(By.id("book-button")).isEmpty());
    assertThat(badges()).containsExactly("DRIVER", "HOST");
    driver.get(server.url() + "/chargers/" + own);
    assertThat(driver.findElement(By.id("own-listing")).getText()).contains("cannot book your own charger");
    assertThat(driver.findElements(By.id("book-button"))).isEmpty();
    assertThat(fitsWidth()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"desktop", "phone"})
  @DisplayName("the bell counts a host's cancel live, the list shows it escaped, and marking it read clears the count")
  void liveBell(String viewport) {
    size(viewport);
    Session d = Session.register(http, "DRIVER", "Bell " + viewport);
    Session h = Session.register(http, "HOST", "Host " + viewport);
    long charger = http.createCharger(h.token(), Http.chargerBody("<b>Bold</b> & plug", 12.0, 77.0));
    Instant start = Http.hoursAhead(20);
    long booking = http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))), d.token())
      .json().getJsonObject("booking").getLong("id");
    logIn(d, "/notifications");
    waiting().until(x -> x.findElements(By.cssSelector("[data-notification]")).size() == 1);
    WebElement count = driver.findElement(By.cssSelector("#notification-bell [data-bell-count]"));
    assertThat(count.getText()).isEqualTo("1");
    assertThat(driver.findElement(By.id("notification-bell")).isDisplayed()).isTrue();
    // the page's live socket is open before the host cancels
    waiting().until(x -> "connected".equals(x.findElement(By.id("live-indicator")).getAttribute("data-state")));

    assertThat(http.post("/api/bookings/" + booking + "/cancel", new JsonObject().put("reason", "<i>Repairs</i>"), h.token()).status())
      .isEqualTo(200);
    waiting().until(x -> "2".equals(x.findElement(By.cssSelector("#notification-bell [data-bell-count]")).getText()));
    WebElement newest = driver.findElements(By.cssSelector("[data-notification]")).get(0);
    assertThat(newest.getAttribute("data-kind")).isEqualTo("BOOKING_CANCELLED_BY_HOST");
    assertThat(newest.getText()).contains("<b>Bold</b> & plug").contains("<i>Repairs</i>");
    assertThat(newest.findElements(By.tagName("b"))).isEmpty();
    assertThat(newest.findElements(By.tagName("i"))).isEmpty();
    assertThat(driver.findElement(By.cssSelector("[data-notification-toast]")).getText()).contains("cancelled");

    newest.findElement(By.cssSelector("[data-mark-read] button")).click();
    waiting().until(x -> "1".equals(x.findElement(By.cssSelector("#notification-bell [data-bell-count]")).getText()));
    driver.findElement(By.cssSelector("[data-read-all] button")).click();
    waiting().until(x -> x.findElement(By.cssSelector("#notification-bell [data-bell-count]")).getAttribute("hidden") != null);
    assertThat(http.get("/api/notifications", d.token()).json().getInteger("unread")).isZero();
    assertThat(fitsWidth()).isTrue();

    // the bell is on every page, and counts there too
    driver.get(server.url() + "/bookings");
    waiting().until(x -> "connected".equals(x.findElement(By.id("live-indicator")).getAttribute("data-state")));
    Instant later = Http.hoursAhead(40);
    http.post("/api/bookings", Http.booking(charger, later, later.plus(Duration.ofHours(1))), d.token());
    waiting().until(x -> "1".equals(x.findElement(By.cssSelector("#notification-bell [data-bell-count]")).getText()));
  }
}
