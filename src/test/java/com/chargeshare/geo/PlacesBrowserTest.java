package com.chargeshare.geo;

import com.chargeshare.support.Browser;
import com.chargeshare.support.BrowserTest;
import com.chargeshare.support.FakeNominatim;
import com.chargeshare.support.Http;
import com.chargeshare.support.Session;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
@DisplayName("Finding places in a real browser: address search, distances, filters in the URL, and maps without tiles")
class PlacesBrowserTest {

  static FakeNominatim nominatim;
  static TestServer server;
  static Http http;
  static Session host;
  static long nearMgRoad;
  WebDriver driver;

  @BeforeAll
  static void start() {
    nominatim = FakeNominatim.start();
    // tiles from our own server, where there are none: every tile fails, as when the tile service is unreachable
    server = TestServer.start("placesbrowser", new JsonObject()
      .put("geocoder", new JsonObject().put("url", nominatim.url()).put("perUserPerMinute", 50))
      .put("map", new JsonObject().put("tileUrl", "/no-tiles/{z}/{x}/{y}.png").put("defaultLat", 12.9716)
        .put("defaultLng", 77.5946).put("defaultZoom", 13)));
    http = new Http(server.url());
    host = Session.register(http, "HOST", "Places Host");
    nearMgRoad = http.createCharger(host.token(), Http.chargerBody("Near MG Road", 12.9760, 77.6070).put("connectorType", "TYPE2").put("powerKw", 22));
    http.createCharger(host.token(), Http.chargerBody("Cubbon fast", 12.9760, 77.5950).put("connectorType", "CCS2").put("powerKw", 50));
    http.createCharger(host.token(), Http.chargerBody("Shanthinagar slow", 12.9580, 77.6000).put("connectorType", "TYPE2")
      .put("powerKw", 7.4).put("pricePerHourMinor", 8000));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (nominatim != null) {
      nominatim.close();
    }
  }

  @BeforeEach
  void useBrowser(WebDriver driver) {
    this.driver = driver;
  }

  private WebDriverWait waiting() {
    return Browser.waiting(driver, 20);
  }

  private JavascriptExecutor js() {
    return (JavascriptExecutor) driver;
  }

  private List<WebElement> items() {
    return driver.findElements(By.cssSelector("#charger-list li[data-charger-id]"));
  }

  private void logIn() {
    driver.get(server.url() + "/login");
    driver.findElement(By.cssSelector("input[name=email]")).sendKeys(host.email());
    driver.findElement(By.cssSelector("input[name=password]")).sendKeys(Session.PASSWORD);
    driver.findElement(By.cssSelector("form[data-auth-form=login] button[type=submit]")).click();
    waiting().until(ExpectedConditions.urlToBe(server.url() + "/host"));
  }

  @Test
  @DisplayName("without tiles the map says so (not a grey box) and markers and list still work; a search re-centres it and the list says how far")
  void searchAndDistances() {
    driver.get(server.url() + "/?lat=12.9716&lng=77.5946&zoom=13");
    waiting().until(d -> items().size() == 3);
    WebElement notice = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#map [data-tiles-notice]")));
    assertThat(notice.getText()).startsWith("Map tiles unavailable.").contains("still work");
    assertThat(driver.findElement(By.id("map")).getAttribute("data-tiles")).isEqualTo("unavailable");
    assertThat((String) js().executeScript("return getComputedStyle(document.getElementById('map')).backgroundImage;"))
      .contains("linear-gradient");
    assertThat(driver.findElements(By.cssSelector("#map .cs-marker"))).hasSize(3);
    assertThat(driver.findElement(By.id("distance-from")).getText()).contains("the map centre");

    driver.findElement(By.id("place-query")).sendKeys("MG Road");
    driver.findElement(By.id("place-go")).click();
    WebElement first = waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#place-results button")));
    assertThat(driver.findElements(By.cssSelector("#place-results button"))).hasSize(2);
    assertThat(first.getText()).startsWith("MG Road, Shivaji Nagar");
    first.click();
    waiting().until(ExpectedConditions.urlContains("lat=12.97553"));
    waiting().until(d -> d.findElement(By.id("distance-from")).getText().contains("from MG Road"));
    waiting().until(d -> !items().isEmpty() && items().get(0).getText().contains("Near MG Road"));
    List<Long> metres = items().stream().map(li -> Long.parseLong(li.findElement(By.cssSelector("[data-distance-m]"))
      .getAttribute("data-distance-m"))).toList();
    assertThat(metres).isSorted();
    assertThat(metres.get(0)).isLessThan(200);
    assertThat(items().get(0).getText()).containsPattern("\\d+ m from MG Road");
    // a name from the geocoder is shown as text
    driver.findElement(By.id("place-query")).clear();
    driver.findElement(By.id("place-query")).sendKeys("<script>");
    driver.findElement(By.id("place-go")).click();
    WebElement odd = waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#place-results button")));
    assertThat(odd.getText()).contains("<img src=x onerror=window.__xss=1>");
    assertThat(js().executeScript("return window.__xss === undefined")).isEqualTo(true);
    // nothing found is said, not shown as an empty list
    driver.findElement(By.id("place-query")).clear();
    driver.findElement(By.id("place-query")).sendKeys("nowhere at all");
    driver.findElement(By.id("place-go")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("map-status"), "No place found"));
  }

  @Test
  @DisplayName("filters live in the URL: a link opens with them applied, a change is written back, a reload keeps it")
  void filtersInUrl() {
    driver.get(server.url() + "/?lat=12.9716&lng=77.5946&zoom=13&connectorType=TYPE2&minPowerKw=22");
    waiting().until(d -> items().size() == 1);
    assertThat(new Select(driver.findElement(By.id("f-connector"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("TYPE2");
    assertThat(new Select(driver.findElement(By.id("f-power"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("22");
    assertThat(items().get(0).getText()).contains("Near MG Road");

    new Select(driver.findElement(By.id("f-power"))).selectByValue("");
    waiting().until(d -> items().size() == 2);
    WebElement price = driver.findElement(By.id("f-price"));
    price.sendKeys("100");
    price.sendKeys(org.openqa.selenium.Keys.TAB);
    waiting().until(d -> items().size() == 1);
    waiting().until(ExpectedConditions.urlContains("maxPrice=100"));
    assertThat(driver.getCurrentUrl()).contains("connectorType=TYPE2").doesNotContain("minPowerKw");

    driver.navigate().refresh();
    waiting().until(d -> items().size() == 1 && items().get(0).getText().contains("Shanthinagar slow"));
    assertThat(driver.findElement(By.id("f-price")).getAttribute("value")).isEqualTo("100");
    // values the form does not offer are left out, never echoed
    driver.get(server.url() + "/?connectorType=%3Cb%3E&minPowerKw=9999&maxPrice=abc");
    waiting().until(d -> items().size() == 3);
    assertThat(driver.findElement(By.id("f-price")).getAttribute("value")).isEmpty();
  }

  @Test
  @DisplayName("the charger form: an address search or a click on the map places the pin and fills the coordinates, tiles or not")
  void chargerForm() {
    logIn();
    driver.get(server.url() + "/host/chargers/new");
    WebElement map = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("pin-map")));
    waiting().until(d -> "unavailable".equals(map.getAttribute("data-tiles")));
    assertThat(map.findElement(By.cssSelector("[data-tiles-notice]")).getText()).contains("Map tiles unavailable");

    driver.findElement(By.id("address")).sendKeys("Indiranagar");
    driver.findElement(By.id("address-find")).click();
    waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#address-results button"))).click();
    waiting().until(d -> "12.978369".equals(d.findElement(By.id("lat")).getAttribute("value")));
    assertThat(driver.findElement(By.id("lng")).getAttribute("value")).isEqualTo("77.640836");
    assertThat(driver.findElement(By.id("address-status")).getText()).contains("Placed at Indiranagar");
    assertThat(driver.findElements(By.cssSelector("#pin-map .cs-marker--pin"))).hasSize(1);

    // a click elsewhere on the map moves the pin there
    new org.openqa.selenium.interactions.Actions(driver).moveToElement(map, 40, 40).click().perform();
    waiting().until(d -> !"12.978369".equals(d.findElement(By.id("lat")).getAttribute("value")));
    double lat = Double.parseDouble(driver.findElement(By.id("lat")).getAttribute("value"));
    assertThat(lat).isBetween(12.9, 13.1);
  }

  @Test
  @DisplayName("phone: the no-tiles notice and the search fit the screen and work, on the map, a charger's page and the form")
  void phone() {
    driver.manage().window().setSize(new Dimension(390, 844));
    driver.get(server.url() + "/?lat=12.9716&lng=77.5946&zoom=13");
    WebElement notice = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#map [data-tiles-notice]")));
    long viewport = (Long) js().executeScript("return document.documentElement.clientWidth;");
    assertThat(((Number) js().executeScript("return arguments[0].getBoundingClientRect().right;", notice)).doubleValue())
      .isLessThanOrEqualTo(viewport);
    assertThat((Long) js().executeScript("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(viewport);
    driver.findElement(By.id("place-query")).sendKeys("Indiranagar");
    driver.findElement(By.id("place-go")).click();
    waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#place-results button"))).click();
    waiting().until(ExpectedConditions.urlContains("lat=12.97837"));
    waiting().until(d -> d.findElement(By.id("distance-from")).getText().contains("from Indiranagar"));

    // a charger's page: its mini-map says the same, under the pin
    driver.get(server.url() + "/chargers/" + nearMgRoad);
    WebElement mini = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("mini-map")));
    waiting().until(d -> "unavailable".equals(mini.getAttribute("data-tiles")));
    assertThat(mini.findElement(By.cssSelector("[data-tiles-notice]")).getText()).contains("Map tiles unavailable");
    assertThat(mini.findElements(By.cssSelector(".cs-marker--pin"))).hasSize(1);

    // the charger form on a phone: the address search fills the coordinates
    logIn();
    driver.get(server.url() + "/host/chargers/new");
    driver.findElement(By.id("address")).sendKeys("MG Road");
    driver.findElement(By.id("address-find")).click();
    waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#address-results button"))).click();
    waiting().until(d -> "12.975526".equals(d.findElement(By.id("lat")).getAttribute("value")));
    assertThat((Long) js().executeScript("return document.documentElement.scrollWidth;"))
      .isLessThanOrEqualTo((Long) js().executeScript("return document.documentElement.clientWidth;"));
  }

  @Test
  @DisplayName("with tiles that load, there is no notice and the map says its tiles loaded")
  void tilesThatLoad() {
    try (TestServer withTiles = TestServer.start(server.db(), new JsonObject().put("map", new JsonObject()
      // any image of our own origin stands in for a tile
      .put("tileUrl", "/static/img/favicon.svg?z={z}&x={x}&y={y}")))) {
      driver.get(withTiles.url() + "/?lat=12.9716&lng=77.5946&zoom=13");
      waiting().until(d -> "loaded".equals(d.findElement(By.id("map")).getAttribute("data-tiles")));
      waiting().until(d -> items().size() == 3);
      assertThat(driver.findElements(By.cssSelector("#map [data-tiles-notice]"))).isEmpty();
      // without a geocoder there is no search box
      assertThat(driver.findElements(By.id("place-search"))).isEmpty();
    }
  }
}
