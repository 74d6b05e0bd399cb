package com.chargeshare.support;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The browser tests' one lifecycle (a JUnit extension, used through {@link BrowserTest}): Debian's headless Chromium
 * driven by Selenium through /usr/bin/chromedriver (never a downloaded one).
 *
 * <p>Starting Chromium is the slow part, so a browser is kept for the whole test JVM and lent to one test class at a
 * time (classes running in parallel get one each). Every test starts as in a new browser: no cookies, empty cache,
 * on about:blank. A browser whose class had a failing test is not lent again.
 *
 * <p>Without Chromium the tests are skipped, except under CI ({@code CI=true}), where that fails them: CI must run
 * every test it claims to.
 */
public final class Browser implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final String DRIVER = "/usr/bin/chromedriver";
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";
  private static final Logger log = LoggerFactory.getLogger(Browser.class);
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(Browser.class);

  /** Browsers not lent to a class right now; all are closed when the JVM exits. */
  private static final Deque<Chromium> IDLE = new ConcurrentLinkedDeque<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> IDLE.forEach(Chromium::quit), "browser-shutdown"));
  }

  /**
   * A wait that retries while the page replaces the element it looks at (live updates re-render the slot grid
   * and the dashboard), instead of failing on the stale reference.
   */
  public static WebDriverWait waiting(WebDriver driver, int seconds) {
    var wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Whether Chromium and its driver are installed; CI without them is a failure, elsewhere a skip. */
  static void requireChromium() {
    boolean installed = new File(DRIVER).canExecute() && new File(CHROMIUM).canExecute();
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true but Chromium and chromedriver are not installed (" + INSTALL
        + "): the browser tests must run in CI");
    }
    Assumptions.assumeTrue(installed, "Chromium and chromedriver are not installed (" + INSTALL + ")");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    requireChromium();
    Chromium idle = IDLE.pollFirst();
    context.getStore(NS).put(Lent.class, new Lent(idle != null ? idle : Chromium.start()));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ChromeDriver driver = lent(context).chromium.driver();
    driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
    driver.get("about:blank");
    // a test may have turned it into a phone: every test starts on the desktop size Chromium was started with
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      lent(context).failed = true;
    } else {
      // leave the page: its sockets and timers stop before the next test (or the next class's server) starts
      lent(context).chromium.driver().get("about:blank");
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == WebDriver.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return lent(context).chromium.driver();
  }

  private static Lent lent(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent()) {
      classContext = classContext.getParent().orElseThrow();
    }
    return classContext.getStore(NS).get(Lent.class, Lent.class);
  }

  /** Held in the class's store: when the class is done, JUnit closes it and the browser goes back (or away). */
  private static final class Lent implements AutoCloseable {
    private final Chromium chromium;
    private volatile boolean failed;

    Lent(Chromium chromium) {
      this.chromium = chromium;
    }

    @Override
    public void close() {
      if (failed) {
        chromium.quit();
        return;
      }
      try {
        chromium.driver().get("about:blank");
        IDLE.addFirst(chromium);
      } catch (RuntimeException e) {
        chromium.quit();
      }
    }
  }

  /** One Chromium with its own profile directory, removed when it quits. */
  private record Chromium(ChromeDriver driver, Path profile) {

    static Chromium start() {
      long t0 = System.nanoTime();
      try {
        Path profile = Files.createTempDirectory("chargeshare-chrome");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-sync",
          "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
          .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO).pageLoadTimeout(Duration.ofSeconds(30));
        log.info("Chromium started in {} ms", (System.nanoTime() - t0) / 1_000_000);
        return new Chromium(driver, profile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void quit() {
      try {
        driver.quit();
      } catch (RuntimeException ignored) {
        // already gone
      }
      TempFiles.deleteQuietly(profile);
    }
  }
}
