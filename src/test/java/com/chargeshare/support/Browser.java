package com.chargeshare.support;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Debian's headless Chromium driven by Selenium through /usr/bin/chromedriver (never a downloaded one).
 * Tests that need it are skipped, not failed, where Chromium is not installed.
 */
public final class Browser {

  private static final String DRIVER = "/usr/bin/chromedriver";
  private static final String CHROMIUM = "/usr/bin/chromium";

  private Browser() {
  }

  /**
   * A wait that retries while the page replaces the element it looks at (live updates re-render the slot grid
   * and the dashboard), instead of failing on the stale reference.
   */
  public static org.openqa.selenium.support.ui.WebDriverWait waiting(WebDriver driver, int seconds) {
    var wait = new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(seconds));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  public static WebDriver start() {
    Assumptions.assumeTrue(new File(DRIVER).canExecute() && new File(CHROMIUM).canExecute(),
      "Chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver)");
    try {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-sync",
        "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory("chargeshare-chrome"));
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
        .usingAnyFreePort().build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().implicitlyWait(Duration.ZERO).pageLoadTimeout(Duration.ofSeconds(30));
      return driver;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
