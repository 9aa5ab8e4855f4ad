package dev.zielmonitor.query.security;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.web.HostileValues;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import dev.zielmonitor.query.CommandSideEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every instant, date, month and year a query names is checked against the platform's time at the edge: an
 * instant PostgreSQL cannot hold or one before the platform's epoch is a 400 naming its parameter, never a 500
 * (issue 17: {@code asOf=+999999999-12-31T00:00:00Z} answered 500). Over real HTTP, through the security filters.
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileParametersTest {

    static final TestDatabase DB = TestDatabase.another();
    static final List<String> EXTREME_INSTANTS = List.of("+999999999-12-31T00:00:00Z", "-999999999-01-01T00:00:00Z",
            "2004-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "2200-01-01T00:00:00Z");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> call(String method, String user, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Authorization", DemoUsers.basic(user)).header("Accept", "*/*")
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertRefusedNaming(String method, String user, String pathAndQuery, String parameter)
            throws Exception {
        HttpResponse<String> response = call(method, user, pathAndQuery);
        assertThat(response.statusCode()).as(method + " " + pathAndQuery + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.findValuesAsString("field")).as(pathAndQuery).contains(parameter);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void everyAsOfOutsideThePlatformsTimeIsRefusedNamingIt() throws Exception {
        for (String instant : EXTREME_INSTANTS) {
            String asOf = "asOf=" + q(instant);
            for (String path : List.of("/api/jobcenters/05122/figures?year=2014&" + asOf,
                    "/api/jobcenters/05122/figures.csv?year=2014&" + asOf,
                    "/api/jobcenters/05122/indicators/K2?year=2014&" + asOf,
                    "/api/jobcenters/05122/indicators/K2/2014-03/provenance?" + asOf,
                    "/api/agreements?" + asOf, "/api/agreements/05122-2014?" + asOf,
                    "/api/agreements/05122-2014/progress?" + asOf,
                    "/api/comparisons/K2?month=2014-03&land=NW&" + asOf, "/api/overview?year=2014&" + asOf)) {
                assertRefusedNaming("GET", DemoUsers.MINISTRY, path, "asOf");
            }
            assertRefusedNaming("POST", DemoUsers.AUDITOR, "/api/audit/replays?" + asOf, "asOf");
        }
    }

    @Test
    void everyOtherInstantIsCheckedTheSameWay() throws Exception {
        String extreme = q("+999999999-12-31T00:00:00Z");
        assertRefusedNaming("GET", DemoUsers.MINISTRY, "/api/agreements/05122-2014/progress/changes?from=" + extreme,
                "from");
        assertRefusedNaming("GET", DemoUsers.MINISTRY, "/api/agreements/05122-2014/progress/changes?to=" + extreme,
                "to");
        assertRefusedNaming("GET", DemoUsers.MINISTRY,
                "/api/jobcenters/05122/indicators/K2/changes?year=2014&from=" + extreme, "from");
        assertRefusedNaming("GET", DemoUsers.AUDITOR, "/api/audit/events?from=" + extreme, "from");
        assertRefusedNaming("GET", DemoUsers.AUDITOR, "/api/audit/events?to=" + q("-999999999-01-01T00:00:00Z"),
                "to");
    }

    @Test
    void monthsAndYearsOutsideThePlatformsTimeAreRefusedNamingThem() throws Exception {
        assertRefusedNaming("GET", DemoUsers.MINISTRY, "/api/comparisons/K2?month=" + q("+99999-01"), "month");
        assertRefusedNaming("GET", DemoUsers.MINISTRY, "/api/comparisons/K2?month=2004-12", "month");
        assertRefusedNaming("GET", DemoUsers.MINISTRY, "/api/jobcenters/05122/indicators/K2/99999-01/provenance",
                "month");
        for (String year : List.of("2147483647", "-2147483648", "99999", "2004")) {
            assertRefusedNaming("GET", DemoUsers.MINISTRY, "/api/jobcenters/05122/figures?year=" + year, "year");
            assertRefusedNaming("GET", DemoUsers.MINISTRY, "/api/jobcenters/05122/figures.csv?year=" + year, "year");
            assertRefusedNaming("GET", DemoUsers.MINISTRY, "/api/jobcenters/05122/indicators/K2?year=" + year,
                    "year");
            assertRefusedNaming("GET", DemoUsers.MINISTRY, "/api/jobcenters/05122/indicators/K2/changes?year="
                    + year, "year");
            assertRefusedNaming("GET", DemoUsers.MINISTRY, "/api/overview?year=" + year, "year");
            assertRefusedNaming("GET", DemoUsers.MINISTRY, "/api/agreements?year=" + year, "year");
        }
    }

    /** The read endpoints and their parameters, each filled at random, hostile or valid, by the fuzz test. */
    private static final List<String> READS = List.of(
            "/api/jobcenters?land={land}", "/api/jobcenters/{jobcenterId}",
            "/api/jobcenters/{jobcenterId}/figures?year={year}&asOf={asOf}",
            "/api/jobcenters/{jobcenterId}/figures.csv?year={year}&asOf={asOf}",
            "/api/jobcenters/{jobcenterId}/indicators/{code}?year={year}&asOf={asOf}&gender={gender}",
            "/api/jobcenters/{jobcenterId}/indicators/{code}/changes?year={year}&from={asOf}&to={asOf}",
            "/api/jobcenters/{jobcenterId}/indicators/{code}/{month}/provenance?asOf={asOf}&gender={gender}",
            "/api/agreements?year={year}&jobcenterId={jobcenterId}&asOf={asOf}",
            "/api/agreements/{agreementId}?asOf={asOf}", "/api/agreements/{agreementId}/progress?asOf={asOf}",
            "/api/agreements/{agreementId}/progress/changes?from={asOf}&to={asOf}",
            "/api/comparisons/{code}?month={month}&land={land}&asOf={asOf}&gender={gender}&view={view}",
            "/api/comparisons/{code}?month={month}&comparisonType={land}&asOf={asOf}",
            "/api/overview?year={year}&land={land}&comparisonType={land}&carrierType={land}&asOf={asOf}",
            "/api/audit/events?jobcenter={jobcenterId}&agreement={agreementId}&aggregate={land}&type={land}"
                    + "&from={asOf}&to={asOf}&after={year}&limit={year}",
            "/api/admin/parked-events?limit={year}", "/api/admin/rebuilds/{agreementId}");

    @Test
    void randomAndHostileParametersNeverAnswer5xxAndNoProcessorStops() throws Exception {
        long seed = HostileValues.seed();
        org.slf4j.LoggerFactory.getLogger(getClass()).info("Read fuzz: seed {} (-Dzielmonitor.fuzz.seed={} "
                + "replays it)", seed, seed);
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        try (HostileValues hostile = new HostileValues(seed)) {
            for (int i = 0; i < 300; i++) {
                String template = hostile.oneOf(READS);
                String path = template;
                for (String parameter : List.of("land", "jobcenterId", "year", "asOf", "code", "gender", "month",
                        "agreementId", "view")) {
                    while (path.contains("{" + parameter + "}")) {
                        String value = switch (hostile.random().nextInt(4)) {
                            case 0 -> hostile.text();
                            case 1 -> hostile.number();
                            case 2 -> parameter.equals("asOf") ? hostile.instant() : hostile.dateOrMonth();
                            default -> Map.of("land", "NW", "jobcenterId", "05122", "year", "2014", "asOf",
                                    "2015-04-30T12:00:00Z", "code", "K2", "gender", "FEMALE", "month", "2014-03",
                                    "agreementId", "05122-2014", "view", "YEAR_TO_DATE").get(parameter);
                        };
                        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
                        path = path.replaceFirst("\\{" + parameter + "}", java.util.regex.Matcher.quoteReplacement(
                                encoded));
                    }
                }
                String user = path.startsWith("/api/audit") ? DemoUsers.AUDITOR
                        : path.startsWith("/api/admin") ? DemoUsers.ADMIN : DemoUsers.MINISTRY;
                HttpResponse<String> response = call("GET", user, path);
                statuses.merge(response.statusCode(), 1, Integer::sum);
                assertThat(response.statusCode()).as("seed %d: GET %s: %s", seed, path, response.body())
                        .isLessThan(500);
                if (response.statusCode() >= 400) {
                    assertThat(response.headers().firstValue("Content-Type").orElse(""))
                            .as("seed %d: GET %s", seed, path).startsWith("application/problem+json");
                }
            }
        }
        org.slf4j.LoggerFactory.getLogger(getClass()).info("Read fuzz: answers by status {}", statuses);
        processing.eventProcessors().forEach((name, processor) ->
                assertThat(processor.isRunning()).as("processor %s", name).isTrue());
    }

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    JdbcClient jdbc;

    @Test
    void instantsWithinThePlatformsTimeAreAnswered() throws Exception {
        new CommandSideEvents(DB, eventSerializer).append(new GenericDomainEventMessage<>(
                "JobcenterRegisteredEvent", "05122", 0, new JobcenterRegisteredEvent(JobcenterId.of("05122"),
                "Jobcenter Solingen", "DE-NW", CarrierType.ZKT, null, null), MetaData.emptyInstance(),
                UUID.randomUUID().toString(), Instant.parse("2014-01-01T00:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM read_model.jobcenter WHERE jobcenter_id = '05122'").query(Long.class).single() == 1);
        for (String path : List.of("/api/jobcenters/05122/figures?year=2014&asOf=" + q("2015-04-30T12:00:00Z"),
                "/api/jobcenters/05122/figures?year=2014&asOf=" + q("2015-04-30T14:00:00+02:00"),
                "/api/comparisons/K2?month=2014-03&land=NW&asOf=" + q("2005-01-01T00:00:00Z"))) {
            assertThat(call("GET", DemoUsers.MINISTRY, path).statusCode()).as(path).isEqualTo(200);
        }
    }
}
