package dev.zielmonitor.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zielmonitor.infra.TestDatabase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (Debian's chromium driven through its chromedriver) against the whole platform
 * as {@code ./run-local.sh} starts it with the demo data: each role logs in and opens its pages, the numbers shown
 * are checked against the API, the "Stand" turns a page into what was known earlier, a correction arrives as a live
 * update without a reload, a table is exported as CSV, a dead letter is resubmitted; axe-core checks every page
 * (WCAG 2.1 A/AA rules: no serious or critical violation). Screenshots of the pages go to docs/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final DateTimeFormatter BERLIN = DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm:ss")
            .withZone(ZoneId.of("Europe/Berlin"));

    private static LocalPlatform platform;
    private static Path root;
    private static Path workDir;
    private static Path downloads;
    private static String axeSource;
    /** Every page's axe-core result, for the summary printed at the end. */
    private static final List<String> axeResults = new ArrayList<>();
    /** The Stand of the live-correction test: just before its correction was recorded. */
    private static Instant beforeCorrection;

    private WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        axeSource = Browsers.requireBrowserAndAxe();
        root = Path.of("..").toAbsolutePath().normalize();
        workDir = root.resolve("local-platform/target/it-dashboard");
        deleteTree(workDir);
        downloads = Files.createDirectories(workDir.resolve("downloads"));
        TestDatabase db = TestDatabase.another(); // LocalPlatformIT changes the demo data of its own database
        LocalPlatform.Options options = new LocalPlatform.Options(root, workDir, db.url(), db.roles(),
                null, freePort(), freePort(), freePort(), freePort(), true);
        platform = new LocalPlatform(options);
        platform.start();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        System.out.println("axe-core " + axeResults.size() + " pages checked:\n  " + String.join("\n  ", axeResults));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void aWrongPasswordIsRefusedInGerman_theLoginPageIsAccessible() throws Exception {
        browser = newBrowser();
        browser.get(platform.queryUrl() + "/");
        await(() -> !browser.findElements(By.id("login-user")).isEmpty());
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        screenshot("anmeldung");
        assertAccessible("Anmeldung");
        browser.findElement(By.id("login-user")).sendKeys("ministerium");
        browser.findElement(By.id("login-password")).sendKeys("falsch");
        browser.findElement(By.id("login-submit")).click();
        await(() -> text(By.id("login-status")).contains("Benutzername oder Passwort ist falsch."));
        assertThat(browser.findElements(By.cssSelector("#nav-list a"))).isEmpty();
    }

    /**
     * The login keeps no password in the browser: one request with it, then an HttpOnly, SameSite=Strict session
     * cookie that no script can read; the router refuses an address that is not of the documented form before any
     * request carries it; logout ends the session on the server (the cookie, replayed, is refused).
     */
    @Test
    @Order(1)
    void theLoginKeepsNoPassword_itsSessionCookieIsHttpOnly_logoutEndsItOnTheServer() throws Exception {
        browser = login("pruefung");
        String storage = (String) js("return JSON.stringify([Object.entries(sessionStorage),"
                + " Object.entries(localStorage)])");
        assertThat(storage).doesNotContain("pruefung").doesNotContain("cHJ1ZWZ1bmc6cHJ1ZWZ1bmc"); // base64 of u:p
        org.openqa.selenium.Cookie session = browser.manage().getCookieNamed("ZIELMONITOR_SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getPath()).isEqualTo("/");
        assertThat(session.getExpiry()).as("gone with the browser").isNull();
        assertThat((String) js("return document.cookie")).doesNotContain("ZIELMONITOR_SESSION");
        HttpResponse<String> me = HTTP.send(HttpRequest.newBuilder(URI.create(platform.queryUrl() + "/api/me"))
                .header("Cookie", "ZIELMONITOR_SESSION=" + session.getValue()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.body()).contains("\"name\":\"pruefung\"");

        open("jobcenter/05122'%20OR%20'1'='1?jahr=2014", "invalid");
        assertThat(text(By.id("route-error"))).contains("keine Jobcenter-Kennung");
        open("vergleich?kennzahl=K9&monat=2014-12", "invalid");
        assertThat(text(By.id("route-error"))).contains("keine Kennzahl");
        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) js("return performance.getEntriesByType('resource')"
                + ".map(e => e.name)");
        assertThat(requested).noneMatch(url -> url.contains("OR") || url.contains("%27") || url.contains("K9"));

        browser.findElement(By.id("logout")).click();
        await(() -> !browser.findElements(By.id("login-user")).isEmpty());
        assertThat(browser.manage().getCookieNamed("ZIELMONITOR_SESSION")).isNull();
        HttpResponse<String> replayed = HTTP.send(HttpRequest.newBuilder(URI.create(platform.queryUrl()
                + "/api/me")).header("Cookie", "ZIELMONITOR_SESSION=" + session.getValue()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.statusCode()).as("the session, ended on the server").isEqualTo(401);
    }

    @Test
    @Order(2)
    void theMinistrySeesEveryJobcenterWithSolingensTargetsAsTheApiComputesThem() throws Exception {
        browser = login("ministerium");
        assertThat(navigation()).containsExactly("Übersicht", "Jobcenter", "Zielvereinbarung", "Vergleich");

        open("uebersicht?jahr=2014", "uebersicht");
        JsonNode overview = api("ministerium", "/api/overview?year=2014&land=NW");
        List<WebElement> rows = browser.findElements(By.cssSelector("#overview-table tbody tr"));
        assertThat(rows).hasSize(overview.get("jobcenters").size()).hasSize(53);
        WebElement solingen = rows.stream().filter(r -> r.getText().contains("(05122)")).findFirst().orElseThrow();
        JsonNode k2 = progressTarget(api("ministerium", "/api/agreements/05122-2014/progress"), "II-K2");
        JsonNode december = k2.at("/months/11");
        WebElement k2Cell = solingen.findElement(By.cssSelector("[data-target='II-K2']"));
        assertThat(normalized(k2Cell.getText()))
                .contains(percent(december.at("/yearToDate/percent").decimalValue()))
                .contains("20,99 %").contains("im Plan")
                .contains("Ziel " + percent(december.get("targetLevel").decimalValue())).contains("19,98 %");
        assertThat(k2Cell.findElement(By.cssSelector(".light")).getAttribute("data-status"))
                .isEqualTo(december.get("status").asText());
        assertThat(solingen.getText()).contains("Dezember 2014").contains("31.03.2015").contains("2 überfällig");
        screenshot("uebersicht");
        assertAccessible("Übersicht");

        // filters: the carrier type zkT leaves the 18 zkT Jobcenters
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("f-carrier"))).selectByValue("zkT");
        await(() -> browser.getCurrentUrl().contains("traeger=zkT")
                && browser.findElements(By.cssSelector("#overview-table tbody tr")).size() == 18);

        // sortable by keyboard: after a (re)load the skip link comes first, then a column's sort button with Enter
        browser.navigate().refresh();
        await(() -> "uebersicht".equals(js("return document.getElementById('main').dataset.page"))
                && !browser.findElements(By.cssSelector("#overview-table tbody tr")).isEmpty());
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Zum Inhalt springen");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
        WebElement sortByName = browser.findElement(By.xpath("//table[@id='overview-table']//th[1]//button"));
        sortByName.sendKeys(Keys.ENTER);
        sortByName.sendKeys(Keys.ENTER);
        WebElement th = browser.findElement(By.xpath("//table[@id='overview-table']//th[1]"));
        assertThat(th.getAttribute("aria-sort")).isEqualTo("descending");
    }

    @Test
    @Order(3)
    void theJobcenterPageShowsEachMonthAsTheApiComputesIt_withCorrectionsAndTheGenderSplit() throws Exception {
        browser = login("ministerium");
        open("jobcenter/05122?jahr=2014&kennzahl=K2", "jobcenter");
        assertIndicatorTableMatchesApi(null);
        JsonNode figures = api("ministerium", "/api/jobcenters/05122/figures?year=2014");
        List<String> corrected = new ArrayList<>();
        for (JsonNode month : figures.get("months")) {
            if (month.get("corrections").asInt() > 0) {
                corrected.add(month.get("reportingMonth").asText());
                WebElement item = browser.findElement(By.cssSelector("#corrections li[data-month='"
                        + month.get("reportingMonth").asText() + "']"));
                assertThat(item.getText()).contains(month.get("correctionReason").asText());
            }
        }
        assertThat(corrected).as("the demo data revise three months of 2014").hasSize(3);
        WebElement canvas = browser.findElement(By.cssSelector(".chart-box canvas"));
        assertThat(canvas.getAttribute("role")).isEqualTo("img");
        assertThat(canvas.getAttribute("aria-label")).contains("K2 Integrationsquote 2014");
        assertThat((Boolean) js("return Boolean(arguments[0].chart)", canvas)).as("Chart.js drew the chart").isTrue();
        screenshot("jobcenter");
        assertAccessible("Jobcenter");
    }

    /** The year of the seed agreement as the ministry records it: two dialogues (one with a deviation), the assessment. */
    @Test
    @Order(4)
    void theAgreementShowsPartiesSignaturesTargetsDialoguesWithDeviationsAndTheAssessment() throws Exception {
        String agreementUrl = platform.commandUrl() + "/api/agreements/05122-2014";
        assertThat(postAsMinistry(agreementUrl + "/steering-dialogues", """
                {"dialogueId":"2014-1","date":"2014-06-26","participants":["MAIS NRW","Jobcenter Solingen"],
                 "findings":{"II":"Integrationen im Plan"},"agreedActions":["Minijob-Initiative verstärken"],
                 "deviations":[{"description":"Insolvenz eines Großbetriebs","affectedIndicators":["K3"],
                   "estimatedEffect":0.3}]}""")).isEqualTo(200);
        assertThat(postAsMinistry(agreementUrl + "/steering-dialogues", """
                {"dialogueId":"2014-2","date":"2014-11-27","participants":["MAIS NRW","Jobcenter Solingen"]}"""))
                .isEqualTo(200);
        assertThat(postAsMinistry(agreementUrl + "/assessment", """
                {"assessedOn":"2015-04-20","reasoning":"Jahresabschlussgespräch"}""")).isEqualTo(200);
        LocalPlatform.await(WAIT, "the assessment on the query API", () -> {
            try {
                return !api("ministerium", "/api/agreements/05122-2014").path("assessment").isNull();
            } catch (Exception notYet) {
                return false;
            }
        });

        browser = login("ministerium");
        open("vereinbarung/05122-2014", "vereinbarung");
        JsonNode agreement = api("ministerium", "/api/agreements/05122-2014");
        assertThat(text(By.tagName("h1"))).isEqualTo(agreement.at("/content/title").asText());
        assertThat(text(By.id("parties"))).contains("Dr. Wilhelm Schäffer").contains("Norbert Feith");
        assertThat(text(By.id("signatures-table"))).contains("Solingen 14.04.2014").contains("Düsseldorf 07.05.2014");
        String targets = normalized(text(By.id("targets-table")));
        for (JsonNode target : api("ministerium", "/api/agreements/05122-2014/progress").get("targets")) {
            JsonNode december = target.at("/months/11");
            assertThat(targets).contains(target.get("targetId").asText() + " ");
            assertThat(targets).contains(percent(december.at("/yearToDate/percent").decimalValue()));
        }
        assertThat(targets).contains("II-K2").contains("20,99 %").contains("19,98 %").contains("im Plan");
        assertThat(browser.findElements(By.cssSelector("#dialogues > li"))).hasSize(2);
        assertThat(normalized(text(By.id("dialogues")))).contains("fällig bis 30.06.2014: gehalten am 26.06.2014")
                .contains("fällig bis 31.12.2014: gehalten am 27.11.2014").contains("II Integrationen im Plan")
                .contains("Vereinbart: Minijob-Initiative verstärken")
                .contains("Insolvenz eines Großbetriebs (betrifft K3; geschätzte Wirkung +0,30 Pp.)")
                .doesNotContain("überfällig");
        JsonNode assessment = agreement.get("assessment");
        String assessed = normalized(text(By.id("assessment-table")));
        assertThat(assessed).contains("II-K2 " + percent(assessment.at("/targets/1/yearValue").decimalValue()) + " "
                + percent(assessment.at("/targets/1/targetLevel").decimalValue()) + " erreicht erreicht");
        assertThat(assessed).contains("II-K2 20,99 % 19,98 % erreicht erreicht");
        assertThat(text(By.tagName("main"))).contains("Bewertet am 20.04.2015. Jahresabschlussgespräch");
        screenshot("zielvereinbarung");
        assertAccessible("Zielvereinbarung");
    }

    @Test
    @Order(5)
    void theComparisonRanksTheJobcentersAsTheApi() throws Exception {
        browser = login("ministerium");
        open("vergleich?kennzahl=K2&monat=2014-12&ansicht=YEAR_TO_DATE", "vergleich");
        JsonNode ranking = api("ministerium", "/api/comparisons/K2?month=2014-12&land=NW&view=YEAR_TO_DATE")
                .get("ranking");
        List<WebElement> rows = browser.findElements(By.cssSelector("#ranking-table tbody tr"));
        assertThat(rows).hasSize(ranking.size());
        for (int i = 0; i < ranking.size(); i++) {
            JsonNode r = ranking.get(i);
            assertThat(normalized(rows.get(i).getText())).startsWith(r.get("rank").asText() + " ")
                    .contains("(" + r.get("jobcenterId").asText() + ")")
                    .contains(percent(r.get("percent").decimalValue()));
        }
        screenshot("vergleich");
        assertAccessible("Vergleich");
    }

    @Test
    @Order(6)
    void aJobcenterUserSeesOnlyItsOwnJobcenter_andTheOthersAnonymised() throws Exception {
        browser = login("jobcenter-solingen");
        assertThat(navigation()).containsExactly("Übersicht", "Jobcenter", "Zielvereinbarung", "Vergleich");
        open("uebersicht?jahr=2014", "uebersicht");
        List<WebElement> rows = browser.findElements(By.cssSelector("#overview-table tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("Jobcenter Solingen (05122)");

        open("jobcenter/05124?jahr=2014", "jobcenter"); // Wuppertal's address: still Solingen's own data
        assertThat(text(By.tagName("h1"))).isEqualTo("Jobcenter Solingen (05122)");

        open("vergleich?kennzahl=K2&monat=2014-12&ansicht=YEAR_TO_DATE", "vergleich");
        String table = text(By.id("ranking-table"));
        assertThat(table).contains("Jobcenter Solingen (05122)").contains("anderes Jobcenter (anonymisiert)")
                .doesNotContain("Wuppertal").doesNotContain("05124");
        screenshot("vergleich-jobcenter-anonymisiert");
        assertAccessible("Vergleich (Jobcenter-Nutzer)");
    }

    /**
     * A correction arrives while the page is open: the table changes without a reload; the "Stand" before the
     * correction shows the old value, as the API's as-of view does; "Aktuell" the new one again.
     */
    @Test
    @Order(7)
    void aCorrectionArrivesLive_andTheStandShowsWhatWasKnownBefore() throws Exception {
        browser = login("ministerium");
        open("jobcenter/05122?jahr=2014&kennzahl=K2", "jobcenter");
        await(() -> "connected".equals(js("return document.body.dataset.live")));
        js("window.zielmonitorMarker = 'no reload'");
        String before = decemberYearToDate();

        Instant stand = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Thread.sleep(1_500); // the correction is recorded a whole second after the Stand
        JsonNode december = month(api("ministerium", "/api/jobcenters/05122/figures?year=2014"), "2014-12");
        ObjectNode figures = (ObjectNode) december.get("figures").deepCopy();
        for (String amount : List.of("LLU_EUR", "LUH_EUR")) { // amounts travel as decimal strings (contract)
            if (figures.has(amount)) {
                ObjectNode figure = (ObjectNode) figures.get(amount);
                figure.put("total", figure.get("total").decimalValue().setScale(2, RoundingMode.UNNECESSARY)
                        .toPlainString());
            }
        }
        ObjectNode integrations = (ObjectNode) figures.get("INT");
        integrations.put("total", integrations.get("total").asLong() + 40);
        if (integrations.has("male")) {
            integrations.put("male", integrations.get("male").asLong() + 40);
        }
        ObjectNode message = JSON.createObjectNode().put("schemaVersion", 1)
                .put("messageId", UUID.randomUUID().toString()).put("jobcenterId", "05122")
                .put("reportingMonth", "2014-12").put("dataStatus", "2015-06-30").put("source", "BA_STATISTIK");
        message.set("figures", figures);
        message.putObject("correction").put("reason", "Nachmeldung von Integrationen (Browsertest)");
        produce("05122", message.toString());

        await(() -> text(By.id("live")).contains("Jobcenter 05122, 2014-12 korrigiert"));
        await(() -> !decemberYearToDate().equals(before));
        assertThat(js("return window.zielmonitorMarker")).as("updated without a reload").isEqualTo("no reload");
        assertIndicatorTableMatchesApi(null);
        assertThat(text(By.id("corrections"))).contains("Nachmeldung von Integrationen (Browsertest)");
        String after = decemberYearToDate();

        // the Stand: every page as known at that instant
        beforeCorrection = stand;
        setDateTime("stand", stand);
        String rendered = (String) js("return document.getElementById('main').dataset.rendered");
        browser.findElement(By.cssSelector("#stand-form button[type='submit']")).click();
        await(() -> !rendered.equals(js("return document.getElementById('main').dataset.rendered")));
        assertThat(text(By.id("stand-shown"))).isEqualTo(BERLIN.format(stand));
        assertThat(decemberYearToDate()).isEqualTo(before);
        assertIndicatorTableMatchesApi(stand);
        assertThat(text(By.id("main"))).doesNotContain("Browsertest");
        screenshot("stand-historisch");
        assertAccessible("Jobcenter zum Stand");

        // the agreement at the Stand likewise, and back to now
        open("vereinbarung/05122-2014", "vereinbarung");
        JsonNode then = progressTarget(api("ministerium", "/api/agreements/05122-2014/progress?asOf=" + stand),
                "II-K2");
        assertThat(normalized(text(By.id("targets-table"))))
                .contains(percent(then.at("/months/11/yearToDate/percent").decimalValue()));
        open("jobcenter/05122?jahr=2014&kennzahl=K2", "jobcenter");
        String historic = (String) js("return document.getElementById('main').dataset.rendered");
        browser.findElement(By.id("stand-reset")).click();
        await(() -> !historic.equals(js("return document.getElementById('main').dataset.rendered")));
        assertThat(browser.findElement(By.id("stand-banner")).isDisplayed()).isFalse();
        assertThat(decemberYearToDate()).isEqualTo(after);
    }

    @Test
    @Order(8)
    void theCsvExportHoldsExactlyWhatTheTableShows() throws Exception {
        browser = login("ministerium");
        open("jobcenter/05122?jahr=2014&kennzahl=K2", "jobcenter");
        Path file = downloads.resolve("k2-05122-2014.csv");
        Files.deleteIfExists(file);
        browser.findElement(By.cssSelector("button[data-csv='k2-05122-2014.csv']")).click();
        await(() -> Files.exists(file) && file.toFile().length() > 0);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("\uFEFF");
        List<List<String>> shown = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#indicator-table tr"))) {
            List<String> cells = new ArrayList<>();
            for (WebElement cell : row.findElements(By.xpath("./th|./td"))) {
                cells.add(normalized(cell.getText()));
            }
            shown.add(cells);
        }
        assertThat(lines).hasSize(shown.size()).hasSize(13);
        for (int i = 0; i < lines.size(); i++) {
            List<String> csv = new ArrayList<>();
            for (String cell : lines.get(i).replace("\uFEFF", "").split(";", -1)) {
                csv.add(cell.startsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell);
            }
            assertThat(csv).as("line " + i).isEqualTo(shown.get(i));
        }
        assertThat(lines.get(12)).startsWith("Dezember 2014;");
    }

    @Test
    @Order(9)
    void theAuditorReadsTheHistoryWithProvenance_checksTheChain_andDownloadsTheAuditPackage() throws Exception {
        browser = login("pruefung");
        assertThat(navigation()).containsExactly("Übersicht", "Jobcenter", "Zielvereinbarung", "Vergleich",
                "Prüfung", "Betrieb");
        open("pruefung", "pruefung");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("h-type")))
                .selectByValue("MonthlyFiguresCorrectedEvent");
        browser.findElement(By.id("history-load")).click();
        await(() -> !browser.findElements(By.cssSelector("#history-table tbody tr")).isEmpty());
        JsonNode events = api("pruefung", "/api/audit/events?jobcenter=05122&type=MonthlyFiguresCorrectedEvent");
        List<WebElement> rows = browser.findElements(By.cssSelector("#history-table tbody tr"));
        assertThat(rows).hasSize(events.get("events").size());
        JsonNode first = events.at("/events/0");
        assertThat(rows.get(0).getText()).contains(first.get("globalIndex").asText())
                .contains("system:kafka-ingestion")
                .contains("zielmonitor.monthly-figures.v1 / Partition " + first.at("/origin/kafkaPartition").asText()
                        + " / Offset " + first.at("/origin/kafkaOffset").asText())
                .contains(first.at("/reason").asText());

        browser.findElement(By.id("chain-check")).click();
        await(() -> text(By.id("chain-result")).contains("intakt"));
        JsonNode chain = api("pruefung", "/api/audit/hash-chain");
        assertThat(text(By.id("chain-result"))).contains(chain.get("events").asText() + " Ereignissen");

        // what the live correction of the earlier test changed: December's values, caused by that correction
        setDateTime("c-from", beforeCorrection);
        browser.findElement(By.id("changes-run")).click();
        await(() -> !browser.findElements(By.id("changes-table")).isEmpty());
        JsonNode changes = api("pruefung", "/api/jobcenters/05122/indicators/K2/changes?year=2014&from="
                + beforeCorrection);
        assertThat(browser.findElements(By.cssSelector("#changes-table tbody tr")))
                .hasSize(changes.get("changes").size()).isNotEmpty();
        assertThat(text(By.id("changes-table"))).contains("Änderungen 05122 K2").contains("Dezember 2014")
                .contains("Nachmeldung von Integrationen (Browsertest)").doesNotContain("November 2014");

        try (var files = Files.list(downloads)) {
            files.filter(f -> f.getFileName().toString().endsWith(".zip")).forEach(f -> f.toFile().delete());
        }
        // the package is made by a job on the server: started, followed, then offered for download
        browser.findElement(By.id("package-start")).click();
        await(() -> !browser.findElements(By.id("package-download")).isEmpty());
        assertThat(text(By.id("package-status"))).contains("Prüfpaket 05122-2014 ist fertig");
        JsonNode job = api("pruefung", "/api/audit/jobs").get(0);
        assertThat(job.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(job.at("/parameters/agreementId").asText()).isEqualTo("05122-2014");
        await(() -> text(By.id("jobs-table")).contains("Prüfpaket 05122-2014"));
        assertThat(browser.findElements(By.cssSelector("#jobs-table tbody tr")).get(0).getText()).contains("pruefung")
                .contains("fertig").contains("herunterladen");
        browser.findElement(By.id("package-download")).click();
        await(() -> text(By.id("package-status")).contains("heruntergeladen"));
        await(() -> zipFiles().size() == 1);
        Path downloaded = zipFiles().get(0);
        byte[] bytes = Files.readAllBytes(downloaded);
        assertThat(bytes.length).isGreaterThan(1000).isEqualTo(job.at("/download/bytes").asInt());
        assertThat(new String(bytes, 0, 2, StandardCharsets.ISO_8859_1)).as("a ZIP file").isEqualTo("PK");
        assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(bytes))).isEqualTo(job.at("/download/sha256").asText());
        assertThat(text(By.id("package-status"))).contains(job.at("/download/sha256").asText());
        assertThat(downloaded.getFileName().toString()).contains("05122-2014");
        screenshot("pruefung");
        assertAccessible("Prüfung");

        open("betrieb", "betrieb");
        assertThat(browser.findElements(By.cssSelector("button[data-resubmit]"))).as("auditors only read").isEmpty();
        assertThat(browser.findElements(By.id("rebuild-verify"))).isEmpty();
    }

    @Test
    @Order(10)
    void operationsSeeADeadLetterWithItsReason_andResubmitIt() throws Exception {
        produce("99999", "{\"schemaVersion\":1,\"messageId\":\"" + UUID.randomUUID() + "\",\"jobcenterId\":\"99999\","
                + "\"reportingMonth\":\"2014-05\",\"dataStatus\":\"2014-08-29\",\"source\":\"BA_STATISTIK\","
                + "\"figures\":{\"ELB\":{\"total\":1000}}}");
        LocalPlatform.await(WAIT, "the dead letter", () -> {
            try {
                return api("betrieb", "/api/ingestion/dead-letters?status=PARKED").size() == 1;
            } catch (Exception notYet) {
                return false;
            }
        });
        JsonNode letter = api("betrieb", "/api/ingestion/dead-letters?status=PARKED").get(0);

        browser = login("betrieb");
        assertThat(navigation()).containsExactly("Betrieb");
        open("betrieb", "betrieb");
        WebElement row = browser.findElement(By.cssSelector("#dead-letters-table tbody tr"));
        assertThat(row.getText()).contains(letter.get("errorCode").asText()).contains(letter.get("reason").asText());
        assertThat(text(By.id("projection-lag"))).contains("monthly-figures:");
        assertThat(text(By.id("consumer-lag"))).matches("[\\d.]+");
        screenshot("betrieb");
        assertAccessible("Betrieb");

        browser.findElement(By.cssSelector("button[data-resubmit='" + letter.get("id").asText() + "']")).click();
        await(() -> text(By.id("operations")).contains("wurde erneut eingereicht"));
        JsonNode resubmitted = api("betrieb", "/api/ingestion/dead-letters/" + letter.get("id").asText());
        assertThat(resubmitted.get("status").asText()).isEqualTo("RESUBMITTED");
        assertThat(resubmitted.get("resubmittedBy").asText()).as("the user, passed through to the command service")
                .isEqualTo("betrieb");
        // rejected again (the Jobcenter is still unknown): a new dead letter pointing back
        LocalPlatform.await(WAIT, "the resubmitted message parked again", () -> {
            try {
                JsonNode parked = api("betrieb", "/api/ingestion/dead-letters?status=PARKED");
                return parked.size() == 1 && parked.get(0).get("resubmissionOf").asLong() == letter.get("id").asLong();
            } catch (Exception notYet) {
                return false;
            }
        });
    }

    // --- the browser ---------------------------------------------------------------------------------------

    private static WebDriver newBrowser() {
        return Browsers.start(workDir, downloads);
    }

    private WebDriver login(String user) {
        browser = newBrowser();
        browser.get(platform.queryUrl() + "/");
        await(() -> !browser.findElements(By.id("login-user")).isEmpty());
        browser.findElement(By.id("login-user")).sendKeys(user);
        browser.findElement(By.id("login-password")).sendKeys(user);
        browser.findElement(By.id("login-submit")).click();
        await(() -> !browser.findElements(By.cssSelector("#nav-list a")).isEmpty()
                && !"login".equals(js("return document.getElementById('main').dataset.page"))
                && js("return document.getElementById('main').dataset.rendered") != null);
        return browser;
    }

    /** Goes to {@code #/route} and waits until the page has drawn it (no reload: a hash change). */
    private void open(String route, String page) {
        String before = (String) js("return document.getElementById('main').dataset.rendered || ''");
        String target = platform.queryUrl() + "/#/" + route;
        if (target.equals(browser.getCurrentUrl())) {
            js("window.dispatchEvent(new HashChangeEvent('hashchange'))");
        } else {
            browser.get(target);
        }
        await(() -> page.equals(js("return document.getElementById('main').dataset.page"))
                && !before.equals(js("return document.getElementById('main').dataset.rendered || ''"))
                && js("return document.getElementById('main').getAttribute('aria-busy')") == null);
    }

    /** Puts an instant into a datetime-local field, in the browser's zone, to the second. */
    private void setDateTime(String id, Instant instant) {
        js("const d = new Date(arguments[1]); const p = (n) => String(n).padStart(2, '0');"
                + "document.getElementById(arguments[0]).value = `${d.getFullYear()}-${p(d.getMonth() + 1)}-"
                + "${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;", id,
                instant.toString());
    }

    private List<String> navigation() {
        return browser.findElements(By.cssSelector("#nav-list a")).stream().map(WebElement::getText).toList();
    }

    private String text(By by) {
        List<WebElement> found = browser.findElements(by);
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void await(java.util.function.BooleanSupplier condition) {
        // a page redrawn while it is read (a live update) leaves stale elements: read again
        new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    /** axe-core in the page as it is now; fails on any serious or critical violation, records the result. */
    private void assertAccessible(String page) {
        Map<String, Object> result = Browsers.axe(browser, axeSource);
        List<?> violations = (List<?>) result.get("violations");
        List<Map<String, Object>> severe = Browsers.severe(result);
        axeResults.add(page + ": " + result.get("passes") + " rules passed, " + violations.size()
                + " violations (" + severe.size() + " serious or critical)" + (violations.isEmpty() ? "" : " " + violations));
        assertThat(severe).as("serious or critical accessibility violations on " + page).isEmpty();
    }

    /** A full-page screenshot into docs/screenshots/. */
    private void screenshot(String name) throws IOException {
        Dimension size = browser.manage().window().getSize();
        js("window.scrollTo(0, 0)");
        long height = (Long) js("return Math.ceil(document.documentElement.scrollHeight)");
        browser.manage().window().setSize(new Dimension(1400, (int) Math.min(Math.max(height, 800), 4000)));
        try {
            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(Files.createDirectories(root.resolve("docs/screenshots")).resolve(name + ".png"), png);
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    // --- what the page should show, from the API ----------------------------------------------------------

    /** Each month's row of the indicator table against the API's values as known at {@code asOf} (null: now). */
    private void assertIndicatorTableMatchesApi(Instant asOf) throws Exception {
        String query = asOf == null ? "" : "&asOf=" + asOf;
        JsonNode total = api("ministerium", "/api/jobcenters/05122/indicators/K2?year=2014" + query);
        JsonNode female = api("ministerium", "/api/jobcenters/05122/indicators/K2?year=2014&gender=FEMALE" + query);
        List<WebElement> rows = browser.findElements(By.cssSelector("#indicator-table tbody tr"));
        assertThat(rows).hasSize(12);
        for (int i = 0; i < 12; i++) {
            List<String> cells = rows.get(i).findElements(By.xpath("./th|./td")).stream()
                    .map(c -> normalized(c.getText())).toList();
            JsonNode m = total.get("months").get(i);
            assertThat(cells.get(1)).as("year to date, month " + (i + 1))
                    .isEqualTo(percent(m.at("/yearToDate/percent").decimalValue()));
            assertThat(cells.get(2)).isEqualTo(count(m.at("/yearToDate/numerator").decimalValue()));
            assertThat(cells.get(3)).isEqualTo(count(m.at("/yearToDate/denominator").decimalValue()));
            assertThat(cells.get(4)).isEqualTo(percent(m.at("/previousYearToDate/percent").decimalValue()));
            assertThat(cells.get(5)).isEqualTo(percent(m.at("/twelveMonth/percent").decimalValue()));
            assertThat(cells.get(8)).as("female").isEqualTo(percent(female.at("/months/" + i + "/yearToDate/percent")
                    .decimalValue()));
        }
    }

    private String decemberYearToDate() {
        List<WebElement> rows = browser.findElements(By.cssSelector("#indicator-table tbody tr"));
        return rows.size() < 12 ? "" : normalized(rows.get(11).findElements(By.xpath("./td")).get(0).getText());
    }

    private static JsonNode progressTarget(JsonNode progress, String targetId) {
        for (JsonNode target : progress.get("targets")) {
            if (target.get("targetId").asText().equals(targetId)) {
                return target;
            }
        }
        throw new AssertionError("no target " + targetId);
    }

    private static JsonNode month(JsonNode year, String month) {
        for (JsonNode m : year.get("months")) {
            if (m.get("reportingMonth").asText().equals(month)) {
                return m;
            }
        }
        throw new AssertionError("no month " + month);
    }

    /** "20,99 %" as the dashboard writes a percentage (de-DE, two decimals). */
    static String percent(BigDecimal value) {
        return german("#,##0.00").format(value.setScale(2, RoundingMode.HALF_UP)) + " %";
    }

    /** "10.690,83" or "2.244": whole numbers without decimals, others with two. */
    static String count(BigDecimal value) {
        boolean whole = value.stripTrailingZeros().scale() <= 0;
        return german(whole ? "#,##0" : "#,##0.00").format(whole ? value : value.setScale(2, RoundingMode.HALF_UP));
    }

    private static DecimalFormat german(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.GERMANY));
    }

    private static String normalized(String text) {
        return text.replace('\u00a0', ' ').replaceAll("\\s+", " ").trim();
    }

    private static int postAsMinistry(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", LocalPlatform.demoLogin("ministerium"))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static JsonNode api(String user, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.queryUrl() + path))
                .header("Authorization", LocalPlatform.demoLogin(user)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void produce(String key, String json) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(LocalPlatform.TOPIC, key, json.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static List<Path> zipFiles() {
        try (var files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".zip")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
