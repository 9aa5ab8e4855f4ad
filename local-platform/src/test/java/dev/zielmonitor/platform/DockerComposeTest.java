package dev.zielmonitor.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run here (no container engine); this keeps it consistent with what the services
 * actually read: every environment variable it sets is one the service's application.yml (or Axon) reads,
 * the ports match, and each Dockerfile copies the jar the build produces.
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Read by Axon itself, not through application.yml. */
    private static final Set<String> READ_BY_AXON = Set.of("AXONIQ_UPDATE_CHECKER_DISABLED");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    @Test
    void definesTheWholePlatform() throws IOException {
        assertThat(services()).containsOnlyKeys("postgres", "kafka", "keycloak", "command-service", "query-service",
                "prometheus", "grafana");
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesGetOnlySettingsTheyReadOnThePortsTheyServe() throws IOException {
        for (String service : List.of("command-service", "query-service")) {
            Map<String, Object> definition = (Map<String, Object>) services().get(service);
            String applicationYml = Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.yml"));
            Map<String, Object> environment = (Map<String, Object>) definition.get("environment");

            assertThat(environment).containsKeys("ZIELMONITOR_DB_URL", "ZIELMONITOR_DB_OWNER_USER",
                    "ZIELMONITOR_DB_OWNER_PASSWORD", "PORT");
            environment.keySet().stream().filter(key -> !READ_BY_AXON.contains(key)).forEach(key ->
                    assertThat(applicationYml).as(service + " reads " + key).containsPattern(
                            java.util.regex.Pattern.quote("${" + key) + "[:}]"));
            // inside its container a service listens on every interface; the compose file maps its port
            assertThat(environment).doesNotContainKey("SERVER_ADDRESS");
            String port = environment.get("PORT").toString();
            assertThat(applicationYml).contains("port: ${PORT:" + port + "}");
            assertThat((List<String>) definition.get("ports")).containsExactly(port + ":" + port);

            String dockerfile = Files.readString(ROOT.resolve(service).resolve("Dockerfile"));
            assertThat(dockerfile).contains("COPY target/" + service + "-*-exec.jar", "EXPOSE " + port);
            assertThat(Files.readString(ROOT.resolve(service).resolve("pom.xml")))
                    .contains("<classifier>exec</classifier>");
        }
    }

    /** The seal key is never written into the file (nor the database); the seals go to a volume of their own. */
    @Test
    @SuppressWarnings("unchecked")
    void theQueryServiceTakesTheHashChainKeyFromTheEnvironment_andPublishesSealsToAVolume() throws IOException {
        Map<String, Object> query = (Map<String, Object>) services().get("query-service");
        Map<String, Object> environment = (Map<String, Object>) query.get("environment");
        assertThat(environment.get("ZIELMONITOR_HASH_CHAIN_KEYS").toString())
                .startsWith("${ZIELMONITOR_HASH_CHAIN_KEYS:?");
        String file = environment.get("ZIELMONITOR_HASH_CHAIN_PUBLISH_FILE").toString();
        String volume = ((List<String>) query.get("volumes")).stream().filter(v -> file.startsWith(v.split(":")[1] + "/"))
                .findFirst().orElseThrow().split(":")[0];
        assertThat(((Map<String, Object>) new Yaml().<Map<String, Object>>load(Files.readString(
                ROOT.resolve("docker-compose.yml"))).get("volumes"))).containsKey(volume);
        Map<String, Object> command = (Map<String, Object>) services().get("command-service");
        assertThat((Map<String, Object>) command.get("environment")).as("only the query service seals")
                .doesNotContainKey("ZIELMONITOR_HASH_CHAIN_KEYS");
    }

    /**
     * The postgres container creates the platform's roles on its first start with the script the tests and the
     * launcher run (deploy/postgres/roles.sql, every setting it reads passed from the container's environment), and
     * each service connects as its own role with the same name and password, runs the migrations as the owner role
     * and gets neither the other service's password nor the administrator's.
     */
    @Test
    @SuppressWarnings("unchecked")
    void thePostgresContainerCreatesTheRolesTheServicesConnectAs() throws IOException {
        Map<String, Object> postgres = (Map<String, Object>) services().get("postgres");
        Map<String, Object> postgresEnv = (Map<String, Object>) postgres.get("environment");
        assertThat((List<String>) postgres.get("volumes")).contains(
                "./deploy/postgres/initdb:/docker-entrypoint-initdb.d:ro",
                "./deploy/postgres/roles.sql:/zielmonitor/roles.sql:ro");
        Path init = ROOT.resolve("deploy/postgres/initdb/10-zielmonitor-roles.sh");
        assertThat(Files.isExecutable(init)).as(init + " is executable").isTrue();
        String script = Files.readString(init);
        assertThat(script).contains("${ZIELMONITOR_ROLES_SQL:-/zielmonitor/roles.sql}", "\\i :roles_sql",
                "--username \"$POSTGRES_USER\" --dbname \"$POSTGRES_DB\"");

        Map<String, String> psqlVariableOfSetting = new java.util.HashMap<>();
        var setConfig = java.util.regex.Pattern.compile("set_config\\('zielmonitor\\.(\\w+)', :'(\\w+)', true\\)")
                .matcher(script);
        while (setConfig.find()) {
            psqlVariableOfSetting.put(setConfig.group(1), setConfig.group(2));
        }
        Map<String, String> environmentOfPsqlVariable = new java.util.HashMap<>();
        var set = java.util.regex.Pattern.compile("--set (\\w+)=\"\\$(\\w+)\"").matcher(script);
        while (set.find()) {
            environmentOfPsqlVariable.put(set.group(1), set.group(2));
        }
        Set<String> settingsRead = new java.util.TreeSet<>();
        var read = java.util.regex.Pattern.compile("current_setting\\('zielmonitor\\.(\\w+)'\\)")
                .matcher(Files.readString(ROOT.resolve("deploy/postgres/roles.sql")));
        while (read.find()) {
            settingsRead.add(read.group(1));
        }
        assertThat(settingsRead).containsExactlyInAnyOrder("owner_role", "owner_password", "command_role",
                "command_password", "query_role", "query_password");
        Map<String, Object> roleSettings = new java.util.HashMap<>();
        for (String setting : settingsRead) {
            String variable = environmentOfPsqlVariable.get(psqlVariableOfSetting.get(setting));
            assertThat(variable).as("the environment variable the script passes as " + setting).isNotNull();
            assertThat(postgresEnv).as("the postgres container's environment").containsKey(variable);
            roleSettings.put(variable, postgresEnv.get(variable));
        }
        assertThat(roleSettings).containsEntry("ZIELMONITOR_DB_OWNER_USER", "zielmonitor_owner")
                .containsEntry("ZIELMONITOR_DB_COMMAND_USER", "zielmonitor_command")
                .containsEntry("ZIELMONITOR_DB_QUERY_USER", "zielmonitor_query");
        assertThat(roleSettings.values()).doesNotContain(postgresEnv.get("POSTGRES_USER"))
                .doesNotHaveDuplicates();

        for (String service : List.of("command-service", "query-service")) {
            String own = service.equals("command-service") ? "COMMAND" : "QUERY";
            String other = own.equals("COMMAND") ? "QUERY" : "COMMAND";
            Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services().get(service))
                    .get("environment");
            for (String variable : List.of("ZIELMONITOR_DB_OWNER_USER", "ZIELMONITOR_DB_OWNER_PASSWORD",
                    "ZIELMONITOR_DB_COMMAND_USER", "ZIELMONITOR_DB_QUERY_USER", "ZIELMONITOR_DB_" + own + "_PASSWORD")) {
                assertThat(environment.get(variable)).as(service + " " + variable).isEqualTo(postgresEnv.get(variable));
            }
            assertThat(environment).as(service).doesNotContainKeys("ZIELMONITOR_DB_" + other + "_PASSWORD",
                    "POSTGRES_USER", "POSTGRES_PASSWORD", "ZIELMONITOR_DB_USER", "ZIELMONITOR_DB_PASSWORD");
            String applicationYml = Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.yml"));
            assertThat(applicationYml).contains("username: ${ZIELMONITOR_DB_" + own + "_USER:zielmonitor_"
                            + own.toLowerCase(java.util.Locale.ROOT) + "}",
                    "password: ${ZIELMONITOR_DB_" + own + "_PASSWORD}",
                    "user: ${ZIELMONITOR_DB_OWNER_USER:zielmonitor_owner}", "password: ${ZIELMONITOR_DB_OWNER_PASSWORD}",
                    "command-role: ${ZIELMONITOR_DB_COMMAND_USER:zielmonitor_command}",
                    "query-role: ${ZIELMONITOR_DB_QUERY_USER:zielmonitor_query}");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCommandServiceReachesKafkaInsideTheComposeNetwork() throws IOException {
        Map<String, Object> command = (Map<String, Object>) services().get("command-service");
        Map<String, Object> kafka = (Map<String, Object>) services().get("kafka");
        Map<String, Object> kafkaEnv = (Map<String, Object>) kafka.get("environment");

        assertThat(((Map<String, Object>) command.get("environment")).get("ZIELMONITOR_KAFKA_BOOTSTRAP"))
                .isEqualTo("kafka:9092");
        assertThat(kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS").toString()).contains("PLAINTEXT://kafka:9092");
        assertThat(kafkaEnv.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(kafkaEnv.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).isEqualTo(1);
    }

    /**
     * Keycloak's imported realm gives what the services read from a token (docs/security.md): the four roles as
     * realm roles (realm_access.roles), the Jobcenter id claim, the demo users with their roles and Jobcenters, and
     * the issuer the services are configured with.
     */
    @Test
    @SuppressWarnings("unchecked")
    void keycloakIssuesTheTokensTheServicesAccept() throws IOException {
        Map<String, Object> keycloak = (Map<String, Object>) services().get("keycloak");
        Map<String, Object> keycloakEnv = (Map<String, Object>) keycloak.get("environment");
        assertThat((List<String>) keycloak.get("command")).contains("--import-realm");
        assertThat((List<String>) keycloak.get("volumes")).contains("./deploy/keycloak:/opt/keycloak/data/import:ro");

        JsonNode realm = new ObjectMapper().readTree(ROOT.resolve("deploy/keycloak/zielmonitor-realm.json").toFile());
        String issuer = keycloakEnv.get("KC_HOSTNAME") + "/realms/" + realm.get("realm").asText();
        List<String> roles = new java.util.ArrayList<>();
        realm.at("/roles/realm").forEach(role -> roles.add(role.get("name").asText()));
        assertThat(roles).containsExactlyInAnyOrder("MINISTRY", "JOBCENTER", "AUDITOR", "ADMIN");

        Map<String, String> demoUsers = Map.of("ministerium", "MINISTRY", "jobcenter-solingen", "JOBCENTER:05122",
                "jobcenter-wuppertal", "JOBCENTER:05124", "pruefung", "AUDITOR", "betrieb", "ADMIN");
        Map<String, String> realmUsers = new java.util.HashMap<>();
        for (JsonNode user : realm.get("users")) {
            if (user.has("serviceAccountClientId")) {
                continue;
            }
            String jobcenter = user.at("/attributes/jobcenter_id/0").asText("");
            realmUsers.put(user.get("username").asText(), user.at("/realmRoles/0").asText()
                    + (jobcenter.isEmpty() ? "" : ":" + jobcenter));
            assertThat(user.at("/credentials/0/value").asText()).as("demo password = user name")
                    .isEqualTo(user.get("username").asText());
        }
        assertThat(realmUsers).isEqualTo(demoUsers);
        // the Jobcenter attribute is declared in the user profile (Keycloak drops undeclared ones) and mapped
        JsonNode profile = new ObjectMapper().readTree(realm.at("/components/org.keycloak.userprofile."
                + "UserProfileProvider/0/config/kc.user.profile.config/0").asText());
        List<String> attributes = new java.util.ArrayList<>();
        profile.get("attributes").forEach(attribute -> attributes.add(attribute.get("name").asText()));
        assertThat(attributes).contains("username", "jobcenter_id");
        for (JsonNode client : realm.get("clients")) {
            assertThat(client.at("/protocolMappers/0/config/claim.name").asText()).as(client.get("clientId").asText())
                    .isEqualTo("jobcenter_id");
        }

        for (String service : List.of("command-service", "query-service")) {
            Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services().get(service))
                    .get("environment");
            assertThat(environment.get("ZIELMONITOR_SECURITY_MODE")).isEqualTo("oidc");
            assertThat(environment.get("ZIELMONITOR_OIDC_ISSUER")).isEqualTo(issuer);
            assertThat(environment.get("ZIELMONITOR_OIDC_JWK_SET_URI").toString())
                    .startsWith("http://keycloak:" + keycloakEnv.get("KC_HTTP_PORT") + "/realms/zielmonitor/");
            String applicationYml = Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.yml"));
            assertThat(applicationYml).contains("${ZIELMONITOR_OIDC_ROLES_CLAIM:realm_access.roles}",
                    "${ZIELMONITOR_OIDC_JOBCENTER_CLAIM:jobcenter_id}");
        }
    }

    /**
     * The dashboard on the query service: it logs in with the realm's public client (code flow with PKCE) and comes
     * back to the query service's address, and its operations page reaches the command service inside the network.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theDashboardLogsInWithTheRealmsPublicClient_andReachesTheCommandService() throws IOException {
        Map<String, Object> query = (Map<String, Object>) ((Map<String, Object>) services().get("query-service"))
                .get("environment");
        Map<String, Object> command = (Map<String, Object>) ((Map<String, Object>) services().get("command-service"))
                .get("environment");
        assertThat(query.get("ZIELMONITOR_COMMAND_SERVICE_URL")).isEqualTo("http://command-service:" + command.get("PORT"));
        String applicationYml = Files.readString(ROOT.resolve("query-service/src/main/resources/application.yml"));
        assertThat(applicationYml).contains("${ZIELMONITOR_DASHBOARD_CLIENT_ID:zielmonitor-dashboard}");
        JsonNode realm = new ObjectMapper().readTree(ROOT.resolve("deploy/keycloak/zielmonitor-realm.json").toFile());
        JsonNode dashboard = null;
        for (JsonNode client : realm.get("clients")) {
            if (client.get("clientId").asText().equals("zielmonitor-dashboard")) {
                dashboard = client;
            }
        }
        assertThat(dashboard).as("the dashboard's client in the realm").isNotNull();
        assertThat(dashboard.get("publicClient").asBoolean()).isTrue();
        assertThat(dashboard.get("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(dashboard.at("/attributes/pkce.code.challenge.method").asText()).isEqualTo("S256");
        String origin = "http://localhost:" + query.get("PORT");
        assertThat(dashboard.get("redirectUris").toString()).contains("\"" + origin + "/*\"");
        assertThat(dashboard.get("webOrigins").toString()).contains("\"" + origin + "\"");
    }

    /**
     * Prometheus scrapes both services where they serve metrics, with a token of the realm's service account (ADMIN,
     * the only role that reads the actuator); Grafana reads Prometheus and provisions the dashboard, whose every
     * query names metrics (LocalPlatformIT checks that the running services expose each of them).
     */
    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesBothServicesAndGrafanaShowsTheDashboard() throws IOException {
        Map<String, Object> prometheus = new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml")));
        Map<String, Object> job = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).get(0);
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        List<String> targets = new java.util.ArrayList<>();
        ((List<Map<String, Object>>) job.get("static_configs")).forEach(c -> targets.addAll((List<String>) c.get("targets")));
        for (String service : List.of("command-service", "query-service")) {
            Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services().get(service))
                    .get("environment");
            assertThat(targets).contains(service + ":" + environment.get("PORT"));
        }
        Map<String, Object> oauth2 = (Map<String, Object>) job.get("oauth2");
        JsonNode realm = new ObjectMapper().readTree(ROOT.resolve("deploy/keycloak/zielmonitor-realm.json").toFile());
        JsonNode client = null;
        for (JsonNode c : realm.get("clients")) {
            if (c.get("clientId").asText().equals(oauth2.get("client_id"))) {
                client = c;
            }
        }
        assertThat(client).as("the scrape client is in the realm").isNotNull();
        assertThat(client.get("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(client.get("secret").asText()).isEqualTo(oauth2.get("client_secret"));
        boolean admin = false;
        for (JsonNode user : realm.get("users")) {
            if (client.get("clientId").asText().equals(user.path("serviceAccountClientId").asText())) {
                admin = user.get("realmRoles").toString().contains("\"ADMIN\"");
            }
        }
        assertThat(admin).as("its service account has ADMIN").isTrue();
        assertThat(oauth2.get("token_url").toString()).startsWith("http://keycloak:8080/realms/zielmonitor/");

        Map<String, Object> grafana = (Map<String, Object>) services().get("grafana");
        assertThat((List<String>) grafana.get("volumes")).contains(
                "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        Map<String, Object> datasources = new Yaml().load(Files.readString(
                ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml")));
        Map<String, Object> datasource = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("deploy/grafana/dashboards/zielmonitor.json")
                .toFile());
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.at("/datasource/uid").asText()).isEqualTo(datasource.get("uid"));
        }
        assertThat(dashboardMetrics()).contains("zielmonitor_ingest_messages_total",
                "kafka_consumer_fetch_manager_records_lag_max", "zielmonitor_projection_lag_events",
                "commandBus_allTimer_seconds_sum", "jvm_memory_used_bytes");
    }

    /** The metric names the Grafana dashboard's queries read. */
    static Set<String> dashboardMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("deploy/grafana/dashboards/zielmonitor.json")
                .toFile());
        Set<String> metrics = new java.util.TreeSet<>();
        java.util.regex.Pattern name = java.util.regex.Pattern.compile(
                "\\b((?:zielmonitor|commandBus|kafka|jvm|http|process|hikaricp)_\\w+)");
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                var matcher = name.matcher(target.get("expr").asText());
                while (matcher.find()) {
                    metrics.add(matcher.group(1));
                }
            }
        }
        return metrics;
    }
}
