package dev.zielmonitor.platform;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's chromium, driven through its chromedriver, for the dashboard's browser tests; and axe-core, the
 * accessibility checker they run in the pages.
 */
final class Browsers {

    /** Selenium warns at every start that it has no DevTools binding for this chromium; the tests use none. */
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    private Browsers() {
    }

    static String chromium() {
        return System.getenv().getOrDefault("ZIELMONITOR_CHROMIUM", "/usr/bin/chromium");
    }

    static String chromedriver() {
        return System.getenv().getOrDefault("ZIELMONITOR_CHROMEDRIVER", "/usr/bin/chromedriver");
    }

    /** Fails with what to install when the browser, its driver or axe-core is missing. */
    static String requireBrowserAndAxe() throws IOException {
        CDP_LOG.setLevel(Level.SEVERE);
        assertThat(Path.of(chromium())).as("Debian's chromium (apt-get install chromium chromium-driver; "
                + "./run-tests.sh installs it)").exists();
        assertThat(Path.of(chromedriver())).as("Debian's chromium-driver").exists();
        Path axe = Path.of(System.getProperty("zielmonitor.axe-core", "target/npm/node_modules/axe-core/axe.min.js"));
        assertThat(axe).as("axe-core, installed by the build's npm step (mvn verify)").exists();
        return Files.readString(axe);
    }

    /**
     * A new headless browser with a profile of its own under {@code workDir}, downloading into {@code downloads},
     * in German, in Berlin's time zone; as root on a closed network: no sandbox, no background connections.
     */
    static WebDriver start(Path workDir, Path downloads) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--lang=de-DE", "--window-size=1400,1000",
                "--user-data-dir=" + workDir.resolve("chrome-" + UUID.randomUUID()));
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("intl.accept_languages", "de-DE,de");
        options.setExperimentalOption("prefs", prefs);
        // the driver named explicitly: Selenium Manager (which would look for drivers online) never runs
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver()))
                .withEnvironment(Map.of("TZ", "Europe/Berlin"))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /**
     * axe-core's WCAG 2.0/2.1 A and AA rules in the page as it is now: the violations as (id, impact, first nodes),
     * and how many rules passed.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> axe(WebDriver browser, String axeSource) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axeSource);
        Map<String, Object> result = (Map<String, Object>) js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                        + ".then(r => done({passes: r.passes.length, violations: r.violations.map(v => ({id: v.id,"
                        + " impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))}))"
                        + ".catch(e => done({error: String(e)}));");
        assertThat(result.get("error")).as("axe-core ran").isNull();
        return result;
    }

    /** The serious and critical violations of an axe-core result. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> severe(Map<String, Object> axeResult) {
        return ((List<Map<String, Object>>) axeResult.get("violations")).stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))).toList();
    }
}
