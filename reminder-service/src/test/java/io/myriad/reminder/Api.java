package io.myriad.reminder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The reminder-service's HTTP API as one user (or nobody) calls it. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;

    private final String token;

    private Api(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** Calls as {@code user}, with a valid token. */
    public static Api as(int port, String user) {
        return new Api(port, TestIdentity.token(user));
    }

    /** Calls with this exact token, or none when {@code null}. */
    public static Api withToken(int port, String token) {
        return new Api(port, token);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
                .timeout(Duration.ofSeconds(10));
        return (this.token != null) ? builder.header("Authorization", "Bearer " + this.token) : builder;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("WWW-Authenticate").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(""));
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** What came back. */
    public record Response(int status, String body, String contentType, String wwwAuthenticate, String retryAfter) {

        public JsonNode json() {
            return JSON.readTree(this.body);
        }

        @Override
        public String toString() {
            return this.status + " " + this.body;
        }
    }
}
