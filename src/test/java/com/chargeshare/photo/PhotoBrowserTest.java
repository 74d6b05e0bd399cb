package com.chargeshare.photo;

import com.chargeshare.support.Browser;
import com.chargeshare.support.BrowserTest;
import com.chargeshare.support.Http;
import com.chargeshare.support.Session;
import com.chargeshare.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
@DisplayName("Charger photos in a real browser: a host uploads on a desktop, a driver sees them on a phone")
class PhotoBrowserTest {

  static TestServer server;
  static Http http;
  static Session host;

  @BeforeAll
  static void start() {
    server = TestServer.start("photobrowser");
    http = new Http(server.url());
    host = Session.register(http, "HOST", "Browser Photo Host");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void logIn(WebDriver browser) {
    browser.get(server.url() + "/login");
    browser.findElement(By.cssSelector("input[name=email]")).sendKeys(host.email());
    browser.findElement(By.cssSelector("input[name=password]")).sendKeys(Session.PASSWORD);
    browser.findElement(By.cssSelector("form[data-auth-form=login] button[type=submit]")).click();
    Browser.waiting(browser, 15).until(ExpectedConditions.urlToBe(server.url() + "/host"));
  }

  private static boolean loaded(WebDriver browser, WebElement img) {
    return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(
      "return arguments[0].complete && arguments[0].naturalWidth > 0;", img));
  }

  @Test
  @DisplayName("the host picks a file and uploads it on a desktop, a wrong file is refused in the page, and on a phone deletes it")
  void hostUploads(WebDriver browser) throws IOException {
    long charger = http.createCharger(host.token(), Http.chargerBody("Browser photo bay", 12.97, 77.59));
    Path jpeg = Files.createTempFile("charger", ".jpg");
    Path text = Files.createTempFile("notes", ".png");
    try {
      Files.write(jpeg, Images.jpegWithMetadata(800, 600));
      Files.writeString(text, "not an image");
      logIn(browser);
      browser.get(server.url() + "/host/chargers/" + charger + "/photos");
      browser.findElement(By.id("photo-file")).sendKeys(jpeg.toString());
      browser.findElement(By.id("photo-upload")).click();
      Browser.waiting(browser, 15).until(ExpectedConditions.urlContains("notice=added"));
      WebElement img = browser.findElement(By.cssSelector("[data-photo-id] img"));
      Browser.waiting(browser, 15).until(d -> loaded(d, img));
      assertThat(browser.findElement(By.cssSelector("[data-flash]")).getText()).contains("The photo is added");

      browser.findElement(By.id("photo-file")).sendKeys(text.toString());
      browser.findElement(By.id("photo-upload")).click();
      WebElement error = Browser.waiting(browser, 15).until(ExpectedConditions.visibilityOfElementLocated(By.id("page-error")));
      assertThat(error.getText()).contains("Photos must be JPEG, PNG or WebP images");
      assertThat(browser.findElements(By.cssSelector("[data-photo-id]"))).hasSize(1);

      // the same page on a phone: one photo a row, nothing wider than the screen, its Delete at hand
      browser.manage().window().setSize(new Dimension(390, 844));
      browser.get(server.url() + "/host/chargers/" + charger + "/photos");
      JavascriptExecutor js = (JavascriptExecutor) browser;
      assertThat((Long) js.executeScript("return document.documentElement.scrollWidth;"))
        .isLessThanOrEqualTo((Long) js.executeScript("return document.documentElement.clientWidth;"));
      WebElement delete = browser.findElement(By.cssSelector("[data-photo-id] button[id^=photo-delete-]"));
      assertThat(delete.isDisplayed()).isTrue();
      delete.click();
      Browser.waiting(browser, 15).until(ExpectedConditions.urlContains("notice=deleted"));
      assertThat(browser.findElements(By.cssSelector("[data-photo-id]"))).isEmpty();
    } finally {
      Files.deleteIfExists(jpeg);
      Files.deleteIfExists(text);
    }
  }

  @Test
  @DisplayName("phone: the charger page shows the photos in a strip that fits the screen, each loaded")
  void driverSeesPhotos(WebDriver browser) {
    long charger = http.createCharger(host.token(), Http.chargerBody("Phone photo bay", 12.97, 77.59));
    for (int i = 0; i < 3; i++) {
      var r = upload(charger, Images.encode(Images.picture(1200 + i, 900, false), "jpeg"));
      assertThat(r.status()).isEqualTo(201);
    }
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(server.url() + "/chargers/" + charger);
    WebElement first = browser.findElement(By.cssSelector("#charger-photos img"));
    Browser.waiting(browser, 15).until(d -> loaded(d, first));
    assertThat(browser.findElements(By.cssSelector("#charger-photos img"))).hasSize(3);
    assertThat(first.getAttribute("alt")).isEqualTo("Photo 1 of 3 of Phone photo bay");
    JavascriptExecutor js = (JavascriptExecutor) browser;
    long pageWidth = (Long) js.executeScript("return document.documentElement.scrollWidth;");
    long viewport = (Long) js.executeScript("return document.documentElement.clientWidth;");
    assertThat(pageWidth).isLessThanOrEqualTo(viewport);
    long imgRight = ((Number) js.executeScript("return arguments[0].getBoundingClientRect().right;", first)).longValue();
    assertThat(imgRight).isLessThanOrEqualTo(viewport);
  }

  private static Http.Response upload(long charger, byte[] bytes) {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/api/chargers/" + charger + "/photos"))
      .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)).header("Content-Type", "image/jpeg")
      .header("Authorization", "Bearer " + host.token()).build();
    return http.send(request);
  }
}
