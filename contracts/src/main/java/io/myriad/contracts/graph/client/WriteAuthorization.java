package io.myriad.contracts.graph.client;

import java.io.IOException;
import java.util.function.Supplier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Puts the service's bearer token on the graphdb-manager's writes. Reads (GET, HEAD) are open to the fleet and carry
 * none, so a read never waits on signing. Holds only a supplier, so that a service without Spring Security's JOSE
 * support on its class path can still load the client configuration.
 */
public final class WriteAuthorization implements ClientHttpRequestInterceptor {

    private final Supplier<String> token;

    public WriteAuthorization(Supplier<String> token) {
        this.token = token;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
            request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + this.token.get());
        }
        return execution.execute(request, body);
    }
}
