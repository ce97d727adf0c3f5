package io.myriad.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte for byte on a socket, so that a test can send what a well-behaved client refuses to (a CR LF
 * in a header, a malformed request line, a lying Content-Length) and read whatever comes back. The request is
 * written on a thread of its own while the answer is read, because a server may answer a 10 MB body with a 413
 * before it has read it, and close. Used by the services' contract tests and the fleet's hostile-input suite.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** What came back: a status, headers (lower-case names), a body; or {@code status} -1 with why there was none. */
    public record Response(int status, Map<String, String> headers, String body, String failure) {

        public String contentType() {
            return this.headers.getOrDefault("content-type", "");
        }

        public boolean answered() {
            return this.status > 0;
        }
    }

    /** Sends {@code request} as it is to 127.0.0.1:{@code port} and reads the answer, waiting {@code timeout} at most. */
    public static Response send(int port, byte[] request, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int offset = 0; offset < request.length; offset += 64 * 1024) {
                        out.write(request, offset, Math.min(64 * 1024, request.length - offset));
                    }
                    out.flush();
                }
                catch (IOException ex) {
                    // The server answered and closed before it read everything: what it answered is read below.
                }
            });
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + timeout.toNanos();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    received.write(buffer, 0, read);
                    if (complete(received.toByteArray()) || System.nanoTime() > deadline) {
                        break;
                    }
                }
            }
            catch (SocketTimeoutException ex) {
                if (received.size() == 0) {
                    return new Response(-1, Map.of(), "", "no answer within " + timeout.toSeconds() + " s");
                }
            }
            catch (IOException ex) {
                if (received.size() == 0) {
                    return new Response(-1, Map.of(), "", "connection closed without an answer: " + ex.getMessage());
                }
            }
            writer.interrupt();
            return parse(received.toByteArray());
        }
        catch (IOException ex) {
            return new Response(-1, Map.of(), "", "could not connect: " + ex.getMessage());
        }
    }

    /** Whether the bytes hold a whole response: headers and a body of the announced length or final chunk. */
    private static boolean complete(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        String body = text.substring(end + 4);
        int length = head.indexOf("\r\ncontent-length:");
        if (length >= 0) {
            int from = length + "\r\ncontent-length:".length();
            int to = head.indexOf("\r\n", from);
            long expected = Long.parseLong(head.substring(from, (to < 0) ? head.length() : to).strip());
            return body.getBytes(StandardCharsets.ISO_8859_1).length >= expected;
        }
        if (head.contains("transfer-encoding: chunked")) {
            return body.endsWith("0\r\n\r\n");
        }
        return head.startsWith("http/1.1 204") || head.startsWith("http/1.1 304");
    }

    private static Response parse(byte[] bytes) {
        // Byte for byte (ISO-8859-1) until the body is whole, so that chunk sizes count what they count: bytes.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = (end < 0) ? text : text.substring(0, end);
        String body = (end < 0) ? "" : text.substring(end + 4);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            return new Response(-1, Map.of(), text, "not an HTTP response: " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        if (headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked")) {
            body = dechunk(body);
        }
        return new Response(Integer.parseInt(statusLine[1]), headers,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8), null);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            int from = lineEnd + 2;
            int to = Math.min(from + size, chunked.length());
            body.append(chunked, from, to);
            at = to + 2;
        }
        return body.toString();
    }
}
