package io.myriad.observability.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

/**
 * The fleet's one shape for an error: an RFC 9457 problem whose {@code type} is
 * {@code https://myriad.io/problems/<slug>}, the slug read off the status ({@code not-found},
 * {@code content-too-large}), and whose {@code detail} is a sentence for the client, never an exception's message.
 * Written by hand rather than through Jackson because Tomcat's error valve, which writes it too, runs outside Spring.
 */
public final class ProblemJson {

    public static final String MEDIA_TYPE = "application/problem+json";

    static final String TYPE_BASE = "https://myriad.io/problems/";

    private ProblemJson() {
    }

    /** The problem type of a status, e.g. {@code https://myriad.io/problems/unsupported-media-type} for 415. */
    public static URI type(int status) {
        return URI.create(TYPE_BASE + title(status).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
    }

    /** The status's reason phrase, e.g. {@code Content Too Large}; "Error" for a status Spring does not name. */
    public static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return (known != null) ? known.getReasonPhrase() : "Error";
    }

    /** What a client is told for an error nothing more specific explains. */
    static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed: its request line, target or headers could not be parsed";
            case 401 -> "The request needs valid credentials";
            case 403 -> "The request is not allowed";
            case 404 -> "No resource at this path";
            case 405 -> "This path does not accept the request's method";
            case 406 -> "No representation of this resource matches the Accept header";
            case 408 -> "The request did not arrive in time";
            case 413 -> "The request body is too large";
            case 414 -> "The request target is too long";
            case 415 -> "The request body's content type is not accepted here";
            case 431 -> "The request's headers are too large";
            case 503 -> "The service is not available; retry later";
            default -> (status >= 500) ? "The request could not be completed" : title(status);
        };
    }

    static String render(int status, String detail) {
        return "{\"type\":" + quote(type(status).toString()) + ",\"title\":" + quote(title(status))
                + ",\"status\":" + status + ",\"detail\":" + quote(detail) + "}";
    }

    /** Writes the problem as the whole response; the caller has made sure nothing was committed yet. */
    public static void write(HttpServletResponse response, int status, String detail) throws IOException {
        byte[] body = render(status, detail).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
