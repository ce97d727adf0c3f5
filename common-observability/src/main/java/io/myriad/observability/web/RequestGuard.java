package io.myriad.observability.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request Spring would mishandle before anything reads it. A target with {@code .} or {@code ..}
 * segments is a 400: Tomcat normalizes the servlet path, but Spring matches handlers on the raw URI, and the
 * actuator's health endpoint answered {@code /actuator/health/../x} with a 500 (Spring Security's firewall refuses
 * the same in the services that have it). A body: 413 when it is larger than the limit, 415 when its content type
 * is multipart (no service takes uploads) or a wildcard ({@code *}{@code /*}, {@code application/*}: a body has one
 * type). A body that announces its length is judged by {@code Content-Length} without reading a byte; a chunked one
 * is read up to one byte past the limit and refused there, without waiting for the rest, or else handed on from
 * memory (at most the limit per request). Form posts are left to Tomcat, which parses them itself and is given
 * the same limit ({@code server.tomcat.max-http-form-post-size}).
 */
public class RequestGuard extends OncePerRequestFilter {

    private final long maxBytes;

    public RequestGuard(DataSize maxBodySize) {
        this.maxBytes = maxBodySize.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isNormalized(request.getRequestURI())) {
            ProblemJson.write(response, 400,
                    "The request target must be a normalized path, without . or .. segments");
            return;
        }
        long length = request.getContentLengthLong();
        boolean chunked = length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (length <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        if (length > this.maxBytes) {
            tooLarge(response);
            return;
        }
        String refusal = refusal(request.getContentType());
        if (refusal != null) {
            ProblemJson.write(response, 415, refusal);
            return;
        }
        if (!chunked || isForm(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readUpToLimit(request.getInputStream());
        if (body == null) {
            tooLarge(response);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        // The rest of the body is not read: the connection closes after the answer instead of carrying the next
        // request behind megabytes nobody wants.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        ProblemJson.write(response, 413, "The request body must be at most " + this.maxBytes + " bytes");
    }

    static boolean isNormalized(String requestUri) {
        if (requestUri == null) {
            return true;
        }
        for (String segment : requestUri.split("/", -1)) {
            int parameters = segment.indexOf(';');
            String name = ((parameters >= 0) ? segment.substring(0, parameters) : segment).toLowerCase()
                    .replace("%2e", ".");
            if (name.equals(".") || name.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Why a body of this content type is refused, or null when it is not. */
    static String refusal(String contentType) {
        if (contentType == null) {
            return null;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        }
        catch (InvalidMediaTypeException ex) {
            return "The request body's Content-Type is not a valid media type";
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            return "The request body's Content-Type must name one media type, such as application/json, not a"
                    + " wildcard";
        }
        if ("multipart".equalsIgnoreCase(type.getType())) {
            return "This service does not accept multipart bodies; send application/json";
        }
        return null;
    }

    private static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    /** The whole body, or null as soon as it is longer than the limit. */
    private byte[] readUpToLimit(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            body.write(buffer, 0, n);
            if (body.size() > this.maxBytes) {
                return null;
            }
        }
        return body.toByteArray();
    }

    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(this.body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body was read already; it is served from memory");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return this.body.length;
        }

        @Override
        public long getContentLengthLong() {
            return this.body.length;
        }
    }
}
