package io.myriad.fleet;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.myriad.testsupport.JwtKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.myriad.fleet.LocalFleet.JSON;
import static io.myriad.fleet.LocalFleet.get;
import static io.myriad.fleet.LocalFleet.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may do what on the running fleet (docs/security.md): the user is the token's subject and nobody else's data is
 * reachable with it; a token the fleet did not sign, or none, is refused with a problem; the graph changes only for
 * a token with the write scope; and nothing listens beyond loopback.
 */
@ExtendWith(LocalFleet.Resolver.class)
class SecurityFleetIT {

    private static LocalFleet fleet;

    @BeforeAll
    static void fleet(LocalFleet localFleet) {
        fleet = localFleet;
    }

    @Test
    void refusesAQuestionWithoutATokenOrWithOneAnotherKeySignedAsAProblem() throws Exception {
        String queries = fleet.url("orchestrator") + "/api/v1/queries";
        String question = "{\"text\":\"What is a lightbulb?\"}";
        String forged = JwtKeys.generate().token(LocalFleet.ISSUER, List.of("myriad-queries", "myriad-reminders"),
                "fleet-forger", null, Duration.ofMinutes(5));

        for (HttpResponse<String> refused : List.of(post(queries, "application/json", question),
                post(queries, "application/json", question, forged), get(queries + "/any-query"),
                get(queries + "/any-query", forged))) {
            assertProblem(refused, 401);
            assertThat(refused.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
        }
    }

    @Test
    void aUserCannotReadAnotherUsersQuery() throws Exception {
        String alice = LocalFleet.userToken("fleet-alice-" + UUID.randomUUID());
        String bob = LocalFleet.userToken("fleet-bob-" + UUID.randomUUID());
        HttpResponse<String> asked = post(fleet.url("orchestrator") + "/api/v1/queries", "application/json",
                "{\"text\":\"What is a lightbulb?\"}", alice);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        String query = fleet.url("orchestrator") + "/api/v1/queries/"
                + JSON.readTree(asked.body()).path("queryId").asString();

        assertThat(get(query, alice).statusCode()).isEqualTo(200);
        HttpResponse<String> bobs = get(query, bob);
        // 404 like an id that never existed: the id is not confirmed to anyone else
        assertProblem(bobs, 404);
        assertThat(bobs.body()).doesNotContain("lightbulb");
    }

    @Test
    void aReminderAskedForWithAUsersTokenIsThatUsersOnly() throws Exception {
        String alice = "fleet-alice-" + UUID.randomUUID();
        String bob = "fleet-bob-" + UUID.randomUUID();
        HttpResponse<String> asked = post(fleet.url("orchestrator") + "/api/v1/queries", "application/json",
                "{\"text\":\"remind me to water the plants in 10 minutes\",\"zone\":\"UTC\"}",
                LocalFleet.userToken(alice));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        assertThat(JSON.readTree(asked.body()).path("status").asString()).isEqualTo("reminder");

        JsonNode alices = await("the reminder in " + alice + "'s account").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> reminders(alice), (items) -> items.size() == 1);
        assertThat(alices.get(0).path("message").asString()).contains("water the plants");
        assertThat(reminders(bob)).isEmpty();
    }

    @Test
    void changesTheGraphOnlyForATokenWithTheWriteScope() throws Exception {
        String name = "fleetintruder" + UUID.randomUUID().toString().substring(0, 8);
        String concepts = fleet.url("graphdb-manager") + "/api/v1/concepts";
        String batch = JSON.writeValueAsString(List.of(Map.of("name", name, "definition", "Not to be written.")));
        String agent = JSON.writeValueAsString(Map.of("concept", "lightbulb", "type", "FACT_BASE"));
        String user = LocalFleet.userToken("fleet-user");
        String graphButNoScope = LocalFleet.userKeys().token(LocalFleet.ISSUER, List.of("myriad-graph"),
                "fleet-user", null, Duration.ofMinutes(5));

        assertProblem(post(concepts, "application/json", batch), 401);
        assertProblem(post(concepts, "application/json", batch, user), 401);
        assertProblem(post(concepts, "application/json", batch, graphButNoScope), 403);
        assertProblem(post(fleet.url("graphdb-manager") + "/api/v1/agents", "application/json", agent), 401);
        assertProblem(post(fleet.url("graphdb-manager") + "/api/v1/agents", "application/json", agent,
                graphButNoScope), 403);
        assertThat(get(concepts + "/" + name).statusCode()).isEqualTo(404);
        // an operator's token may, and the API never makes a seed agent
        assertThat(post(concepts, "application/json", batch, LocalFleet.adminToken()).statusCode()).isEqualTo(201);
        assertProblem(post(fleet.url("graphdb-manager") + "/api/v1/agents", "application/json",
                JSON.writeValueAsString(Map.of("concept", name, "type", "DEFINITION", "origin", "seed")),
                LocalFleet.adminToken()), 400);
    }

    @Test
    void everyPortOfTheFleetListensOnLoopbackOnly() throws IOException {
        Set<Integer> ports = FleetPorts.all();
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                int port = Integer.parseInt(local[1], 16);
                if ("0A".equals(fields[3]) && ports.contains(port)) { // 0A: LISTEN
                    listening.add(port + " " + local[0]);
                }
            }
        }
        // 127.0.0.1 as /proc writes it (little-endian), plain or IPv4-mapped in tcp6, or ::1
        assertThat(listening).isNotEmpty().allSatisfy((socket) -> assertThat(socket.split(" ")[1]).isIn(
                "0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"));
    }

    private static JsonNode reminders(String user) throws IOException, InterruptedException {
        HttpResponse<String> response = get(fleet.url("reminder-service") + "/api/v1/reminders",
                LocalFleet.userToken(user));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("items");
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                (type) -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
