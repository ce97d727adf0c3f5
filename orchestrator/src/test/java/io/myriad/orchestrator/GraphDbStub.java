package io.myriad.orchestrator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.graph.CreateAgentRequest;
import io.myriad.contracts.graph.RegistryStats;
import tools.jackson.databind.json.JsonMapper;

/**
 * The graphdb-manager's agent registry as the orchestrator sees it over HTTP (discovery, creation, stats), played
 * by a tiny in-process server so that the orchestrator's test needs no Neo4j. The fleet tests run the real service.
 */
final class GraphDbStub implements AutoCloseable {

    static final long ACTIVE_AGENTS = 42;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Agents by concept; a concept absent here has none, until neurogenesis creates one. */
    private final Map<String, List<AgentDescriptor>> agents = new ConcurrentHashMap<>();

    private final List<CreateAgentRequest> creations = new CopyOnWriteArrayList<>();

    /** The {@code Authorization} header of each creation, by concept. */
    private final Map<String, String> creationAuthorizations = new ConcurrentHashMap<>();

    /** The {@code traceparent} header of each discovery call, by concept. */
    private final Map<String, String> discoveryTraceparents = new ConcurrentHashMap<>();

    /** Concepts whose discovery answers 500, as a registry with a sick Neo4j would. */
    private final java.util.Set<String> failing = ConcurrentHashMap.newKeySet();

    private final HttpServer server;

    private GraphDbStub(HttpServer server) {
        this.server = server;
        server.createContext("/api/v1/agents/discovery", this::discover);
        server.createContext("/api/v1/agents", this::create);
        server.createContext("/api/v1/stats", this::stats);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    static GraphDbStub start() {
        try {
            return new GraphDbStub(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    String url() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    /** Seeds the registry with an agent, as the graph's seed data would. */
    void seed(String id, AgentType type, String concept, double weight) {
        this.agents.computeIfAbsent(concept, name -> new CopyOnWriteArrayList<>())
                .add(new AgentDescriptor(id, type, concept, "active", "seed", Instant.EPOCH, weight));
    }

    /** Makes discovery for that concept fail. */
    void failDiscoveryOf(String concept) {
        this.failing.add(concept);
    }

    /** The {@code traceparent} the last discovery call for that concept carried. */
    String discoveryTraceparent(String concept) {
        return this.discoveryTraceparents.get(concept);
    }

    /** What neurogenesis asked to create, for that concept. */
    List<CreateAgentRequest> creationsFor(String concept) {
        return this.creations.stream().filter(request -> request.concept().equals(concept)).toList();
    }

    /** The {@code Authorization} header neurogenesis sent when it asked for an agent for that concept. */
    String creationAuthorization(String concept) {
        return this.creationAuthorizations.get(concept);
    }

    private void discover(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
        if (traceparent != null) {
            this.discoveryTraceparents.put(query.get("concept"), traceparent);
        }
        if (this.failing.contains(query.get("concept"))) {
            respond(exchange, 500, Map.of("title", "Internal Server Error", "status", 500));
            return;
        }
        List<AgentDescriptor> found = this.agents.getOrDefault(query.get("concept"), List.of())
                .stream()
                .filter(agent -> agent.type().handles(
                        io.myriad.contracts.query.Intent.valueOf(query.get("intent").toUpperCase(Locale.ROOT))))
                .toList();
        respond(exchange, 200, found);
    }

    private void create(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, Map.of());
            return;
        }
        CreateAgentRequest request;
        try (InputStream body = exchange.getRequestBody()) {
            request = JSON.readValue(body, CreateAgentRequest.class);
        }
        this.creations.add(request);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null) {
            // The real graphdb-manager creates nothing for a caller without a token.
            respond(exchange, 401, Map.of("title", "Unauthorized", "status", 401));
            return;
        }
        this.creationAuthorizations.put(request.concept(), authorization);
        String id = request.type().name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + request.concept();
        List<AgentDescriptor> known = this.agents.computeIfAbsent(request.concept(),
                name -> new CopyOnWriteArrayList<>());
        for (AgentDescriptor agent : known) {
            if (agent.id().equals(id)) {
                respond(exchange, 200, agent);
                return;
            }
        }
        AgentDescriptor created = new AgentDescriptor(id, request.type(), request.concept(), "active",
                request.origin(), Instant.now(), 0.5);
        known.add(created);
        respond(exchange, 201, created);
    }

    private void stats(HttpExchange exchange) throws IOException {
        respond(exchange, 200, new RegistryStats(10, 50, ACTIVE_AGENTS));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        (parts.length > 1) ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
