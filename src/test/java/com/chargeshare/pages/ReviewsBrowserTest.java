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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Rating an ended booking, reading and answering reviews, and ratings on the map, on a desktop window and a 390×844 phone. */
@BrowserTest
@DisplayName("Reviews on the pages (headless Chromium)")
class ReviewsBrowserTest {

  static TestServer server;
  static Http http;
  static double lat = 20.0;
  WebDriver driver;

  @BeforeAll
  static void start() {
    server = TestServer.start("reviewbrowser");
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

  private void logIn(Session who, String next) {
    driver.manage().deleteAllCookies();
    driver.get(server.url() + "/login?next=" + next);
    driver.findElement(By.cssSelector("input[name=email]")).sendKeys(who.email());
    driver.findElement(By.cssSelector("input[name=password]")).sendKeys(Session.PASSWORD);
    driver.findElement(By.cssSelector("form[data-auth-form=login] button[type=submit]")).click();
    waiting().until(d -> !d.getCurrentUrl().contains("/login") && d.getCurrentUrl().contains(next));
  }

  private boolean fitsWidth() {
    return (Boolean) ((JavascriptExecutor) driver).executeScript(
      "return document.documentElement.scrollWidth <= window.innerWidth + 1;");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"desktop", "phone"})
  @DisplayName("a driver rates an ended booking from My bookings; the charger page shows it escaped; the host answers once; the map lists the rating")
  void rateReadAnswer(String viewport) {
    if ("phone".equals(viewport)) {
      driver.manage().window().setSize(new Dimension(390, 844));
    }
    lat += 0.5;
    Session host = Session.register(http, "HOST", "Host " + viewport);
    long charger = http.createCharger(host.token(), Http.chargerBody("Rated " + viewport, lat, 80.0));
    Session d = Session.register(http, "DRIVER", "Dev Kumar");
    Instant start = Http.hoursAhead(10);
    long booking = http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))), d.token())
      .json().getJsonObject("booking").getLong("id");
    // as if it had taken place yesterday
    LocalDateTime end = LocalDateTime.ofInstant(Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS), ZoneOffset.UTC);
    Sql.update(server.db(), "UPDATE bookings SET start_at = ?, end_at = ? WHERE id = ?", end.minusHours(1), end, booking);

    logIn(d, "/bookings");
    WebElement form = driver.findElement(By.cssSelector("[data-review-form='" + booking + "']"));
    form.findElement(By.cssSelector("input[name=rating][value='4']")).click();
    form.findElement(By.cssSelector("textarea[name=comment]")).sendKeys("<b>Great</b> & easy");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    waiting().until(x -> x.getCurrentUrl().contains("notice=reviewed"));
    assertThat(driver.findElement(By.cssSelector("#booking-" + booking + " [data-reviewed]")).isDisplayed()).isTrue();
    assertThat(driver.findElements(By.cssSelector("[data-review-form='" + booking + "']"))).isEmpty();
    assertThat(fitsWidth()).isTrue();

    driver.get(server.url() + "/chargers/" + charger);
    assertThat(driver.findElement(By.id("rating-summary")).getText()).contains("4.0").contains("1 review");
    WebElement review = driver.findElement(By.id("review-" + booking));
    assertThat(review.findElement(By.cssSelector("[data-review-comment]")).getText()).isEqualTo("<b>Great</b> & easy");
    assertThat(review.findElements(By.tagName("b"))).isEmpty();
    assertThat(review.getText()).contains("Dev").doesNotContain("Kumar");
    assertThat(driver.findElements(By.cssSelector("[data-reply-form]"))).isEmpty();

    logIn(host, "/chargers/" + charger);
    WebElement reply = driver.findElement(By.cssSelector("#review-" + booking + " [data-reply-form]"));
    reply.findElement(By.tagName("textarea")).sendKeys("Thanks, <i>come again</i>");
    reply.findElement(By.cssSelector("button[type=submit]")).click();
    waiting().until(x -> x.getCurrentUrl().contains("notice=replied"));
    WebElement answered = driver.findElement(By.cssSelector("#review-" + booking + " [data-review-reply]"));
    assertThat(answered.getText()).isEqualTo("Thanks, <i>come again</i>");
    assertThat(driver.findElements(By.cssSelector("[data-reply-form]"))).isEmpty();
    assertThat(fitsWidth()).isTrue();

    driver.get(server.url() + "/?lat=" + lat + "&lng=80.0&zoom=14");
    waiting().until(x -> !x.findElements(By.cssSelector("li[data-charger-id='" + charger + "'] [data-rating]")).isEmpty());
    assertThat(driver.findElement(By.cssSelector("li[data-charger-id='" + charger + "'] [data-rating]")).getAttribute("textContent"))
      .contains("4.0").contains("1 review");
  }
}
