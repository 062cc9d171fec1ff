package io.duocache.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the dashboard in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, or Chrome where {@code CHROME_BIN} and {@code CHROMEDRIVER_BIN} say);
 * skipped, with a message, only where no browser is installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.rides.rows=2000", "duocache.persist.directory=${java.io.tmpdir}/duocache-sample-test/${random.uuid}", "sample.sales.rows=2000", "sample.sentiment.reviews=2000", "sample.rides.file=${java.io.tmpdir}/duocache-sample-browser/pickups.csv" })
@AutoConfigureTestRestTemplate
class DashboardBrowserTests {

	private static final Path CHROMIUM = firstExecutable(System.getenv("CHROME_BIN"), "/usr/bin/chromium",
			"/usr/bin/chromium-browser", "/usr/bin/google-chrome");

	private static final Path CHROMEDRIVER = firstExecutable(System.getenv("CHROMEDRIVER_BIN"), "/usr/bin/chromedriver",
			(System.getenv("CHROMEWEBDRIVER") != null) ? System.getenv("CHROMEWEBDRIVER") + "/chromedriver" : null);

	@LocalServerPort
	private int port;

	@Autowired
	private TestRestTemplate rest;

	private WebDriver browser;

	@BeforeEach
	void startBrowser() {
		if (CHROMIUM == null || CHROMEDRIVER == null) {
			String reason = "No headless browser: install Debian's chromium and chromium-driver (or set CHROME_BIN "
					+ "and CHROMEDRIVER_BIN) to run the dashboard test";
			System.err.println("DashboardBrowserTests skipped. " + reason);
			Assumptions.abort(reason);
		}
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
					"--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void showsLiveHitsAndClearsACache() {
		this.rest.getForObject("/mutation/data", String.class);
		this.rest.getForObject("/mutation/data", String.class);
		this.browser.get("http://localhost:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		wait.ignoring(StaleElementReferenceException.class);
		wait.until((driver) -> "1".equals(cell(driver, "Numbers.asData", "hits")));
		assertThat(cell(this.browser, "Numbers.asData", "misses")).isEqualTo("1");
		assertThat(cell(this.browser, "Numbers.asData", "hit-rate")).isEqualTo("50.0 %");
		assertThat(cell(this.browser, "Numbers.asData", "entries")).isEqualTo("1");
		assertThat(cell(this.browser, "Numbers.asData", "ttl")).isEqualTo("1h");
		assertThat(cell(this.browser, "Numbers.asData", "evictions")).isEqualTo("0");
		wait.until((driver) -> cell(driver, "Numbers.asData", "miss-time").endsWith(" ms"));
		wait.until((driver) -> cell(driver, "Numbers.asData", "hit-time").endsWith(" ms"));
		this.rest.getForObject("/mutation/resource", String.class);
		wait.until((driver) -> "shared, no copy".equals(cell(driver, "Numbers.asResource", "hit-time")));

		this.rest.getForObject("/mutation/data", String.class);
		wait.until((driver) -> "2".equals(cell(driver, "Numbers.asData", "hits")));

		wait.until((driver) -> {
			rowOf(driver, "Numbers.asData").findElement(By.className("clear")).click();
			return true;
		});
		wait.until((driver) -> "0".equals(cell(driver, "Numbers.asData", "entries")));
	}

	@Test
	void drawsEachCachesHitRateOverTimeAndItsComputeTimeAgainstItsCopyTime() {
		this.rest.getForObject("/products/coffee", String.class);
		this.rest.getForObject("/products/coffee", String.class);
		this.browser.get("http://localhost:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		wait.ignoring(StaleElementReferenceException.class);
		String cache = "ProductQueries.byCategory";
		wait.until((driver) -> "0.5".equals(attribute(driver, cache, "sparkline", "data-rates")));
		this.rest.getForObject("/products/coffee", String.class);
		wait.until((driver) -> "0.5,1".equals(attribute(driver, cache, "sparkline", "data-rates")));
		this.rest.getForObject("/products/tea", String.class);
		wait.until((driver) -> "0.5,1,0".equals(attribute(driver, cache, "sparkline", "data-rates")));
		wait.until((driver) -> {
			String[] points = rowOf(driver, cache).findElement(By.cssSelector("svg.sparkline polyline"))
				.getAttribute("points")
				.split(" ");
			assertThat(points).as("the left edge, then one point per refresh with calls").hasSize(4);
			double top = 2;
			double bottom = 22;
			assertThat(points[0]).as("the left edge").startsWith("2.0,");
			assertThat(Double.parseDouble(points[0].split(",")[1])).as("50 %").isEqualTo((top + bottom) / 2);
			assertThat(Double.parseDouble(points[1].split(",")[1])).as("50 %").isEqualTo((top + bottom) / 2);
			assertThat(Double.parseDouble(points[2].split(",")[1])).as("100 %").isEqualTo(top);
			assertThat(Double.parseDouble(points[3].split(",")[1])).as("0 %").isEqualTo(bottom);
			return true;
		});

		wait.until((driver) -> rowOf(driver, cache).findElements(By.cssSelector(".times .bar")).size() == 2);
		wait.until((driver) -> {
			WebElement compute = rowOf(driver, cache).findElement(By.cssSelector(".times .bar.compute"));
			WebElement copy = rowOf(driver, cache).findElement(By.cssSelector(".times .bar.copy"));
			double computeMillis = Double.parseDouble(compute.getAttribute("data-ms"));
			double copyMillis = Double.parseDouble(copy.getAttribute("data-ms"));
			double longest = Math.max(computeMillis, copyMillis);
			assertThat(widthPercent(compute)).isEqualTo(Math.max(2, Math.round(computeMillis / longest * 100)));
			assertThat(widthPercent(copy)).isEqualTo(Math.max(2, Math.round(copyMillis / longest * 100)));
			assertThat(compute.getAttribute("title")).startsWith("compute: ").endsWith(" ms");
			assertThat(copy.getAttribute("title")).startsWith("copy: ").endsWith(" ms");
			return true;
		});
		this.rest.getForObject("/mutation/resource", String.class);
		wait.until((driver) -> rowOf(driver, "Numbers.asResource") != null
				&& rowOf(driver, "Numbers.asResource").findElements(By.cssSelector(".times .bar")).size() == 1);
		assertThat(rowOf(this.browser, "Numbers.asResource").findElements(By.cssSelector(".times .bar.copy")))
			.as("a resource is shared, never copied").isEmpty();
	}

	@Test
	void fitsA1280PixelWindowWithEveryColumnVisible() throws Exception {
		// Caches the other tests of this shared application do not count on.
		for (String call : List.of("/owners?lastName=Da&page=0&size=5", "/owners?lastName=Da&page=0&size=5",
				"/sentiment?text=great%20ride", "/sentiment?text=great%20ride")) {
			this.rest.getForObject(call, String.class);
		}
		this.browser.manage().window().setSize(new Dimension(1280, 900));
		this.browser.get("http://localhost:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		wait.ignoring(StaleElementReferenceException.class);
		String cache = "OwnerRepository.findByLastNameStartingWith";
		wait.until((driver) -> cell(driver, cache, "hit-time") != null && cell(driver, cache, "hit-time").endsWith(" ms"));
		JavascriptExecutor script = (JavascriptExecutor) this.browser;
		long viewport = ((Number) script.executeScript("return document.documentElement.clientWidth")).longValue();
		long page = ((Number) script.executeScript("return document.documentElement.scrollWidth")).longValue();
		long table = ((Number) script.executeScript(
				"return Math.ceil(document.getElementById('caches').getBoundingClientRect().right)")).longValue();
		Path screenshot = Path.of("target", "dashboard-1280.png");
		Files.createDirectories(screenshot.getParent());
		Files.write(screenshot, ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES));
		assertThat(page).as("no horizontal scroll bar (see " + screenshot + ")").isLessThanOrEqualTo(viewport);
		assertThat(table).as("the table's right edge").isLessThanOrEqualTo(viewport);
		// Measured in one script: the table is redrawn every second.
		@SuppressWarnings("unchecked")
		Map<String, Number> row = (Map<String, Number>) script.executeScript("""
				const row = document.querySelector("tr[data-cache='" + arguments[0] + "']");
				const cells = [...row.querySelectorAll('.hits, .misses, .hit-rate, .entries, .bytes, .miss-time, .hit-time')];
				return { cells: cells.length, right: Math.max(...cells.map((cell) => cell.getBoundingClientRect().right)),
					bars: row.querySelector('.times').getBoundingClientRect().width };
				""", cache);
		assertThat(row.get("cells").intValue()).isEqualTo(7);
		assertThat(row.get("right").doubleValue()).as("every column inside the window").isLessThanOrEqualTo(viewport);
		assertThat(row.get("bars").doubleValue()).as("the bars have room").isGreaterThanOrEqualTo(120);
	}

	@Test
	void drawsTheFirstSampleOfTheHitRateAsALineAcrossTheSparkline() {
		this.rest.getForObject("/scores?player=ada&points=21&factor=2", String.class);
		this.rest.getForObject("/scores?player=ada&points=21&factor=2", String.class);
		this.browser.get("http://localhost:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		wait.ignoring(StaleElementReferenceException.class);
		String cache = "ScoreService.multiplyScore";
		wait.until((driver) -> "0.5".equals(attribute(driver, cache, "sparkline", "data-rates")));
		String[] points = rowOf(this.browser, cache).findElement(By.cssSelector("svg.sparkline polyline"))
			.getAttribute("points")
			.split(" ");
		assertThat(points).as("the rate before the dashboard opened, from the left edge to now").hasSize(2);
		assertThat(points[0]).isEqualTo("2.0,12.0");
		assertThat(points[1]).isEqualTo("118.0,12.0");
	}

	@Test
	void runsADemoCallInTheDashboardAndShowsItsTime() {
		this.browser.get("http://localhost:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		wait.until((driver) -> !driver.findElements(By.cssSelector("#calls a[href='/mutation/data']")).isEmpty());
		this.browser.findElement(By.cssSelector("#calls a[href='/mutation/data']")).click();
		wait.until((driver) -> driver.findElement(By.id("result")).getText().startsWith("GET /mutation/data → 200 in "));
		assertThat(this.browser.getCurrentUrl()).endsWith("/");
		assertThat(this.browser.findElement(By.id("result")).getText()).contains("1,").contains("3");
	}

	private static Path firstExecutable(String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null && Files.isExecutable(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		return null;
	}

	/** Reads one cell of a cache's row; the table is redrawn every second, so a stale read is retried. */
	private static String cell(WebDriver driver, String cache, String column) {
		for (int attempt = 0; attempt < 5; attempt++) {
			try {
				WebElement row = rowOf(driver, cache);
				return (row != null) ? row.findElement(By.className(column)).getText() : null;
			}
			catch (StaleElementReferenceException ex) {
				// Redrawn between the two look-ups: read again.
			}
		}
		return null;
	}

	private static String attribute(WebDriver driver, String cache, String column, String attribute) {
		WebElement row = rowOf(driver, cache);
		return (row != null) ? row.findElement(By.className(column)).getAttribute(attribute) : null;
	}

	/** The width a bar was given, as a percentage of its cell. */
	private static long widthPercent(WebElement bar) {
		String style = bar.getAttribute("style");
		java.util.regex.Matcher width = java.util.regex.Pattern.compile("width: (\\d+)%").matcher(style);
		assertThat(width.find()).as(style).isTrue();
		return Long.parseLong(width.group(1));
	}

	private static WebElement rowOf(WebDriver driver, String cache) {
		List<WebElement> rows = driver.findElements(By.cssSelector("tr[data-cache='" + cache + "']"));
		return rows.isEmpty() ? null : rows.get(0);
	}

}
