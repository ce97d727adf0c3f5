package io.myriad.contracts.graph.client;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Builds the graphdb-manager's {@link RestClient}: base URL and timeouts from {@link GraphdbClientProperties} (the
 * read timeout for GET and HEAD, the write timeout for the rest), on the JDK's HTTP client. Give it Boot's observed
 * {@link RestClient.Builder} so that each call is a span of the caller's trace.
 */
public final class GraphdbRestClient {

    private GraphdbRestClient() {
    }

    /** A client whose requests carry no token: the graphdb-manager's reads are open to the fleet. */
    public static RestClient create(RestClient.Builder builder, GraphdbClientProperties properties) {
        return create(builder, properties, null);
    }

    /** A client whose writes carry the service's token, when there is one. */
    public static RestClient create(RestClient.Builder builder, GraphdbClientProperties properties,
            @Nullable WriteAuthorization writeAuthorization) {
        ClientHttpRequestFactory reads = ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()
                .withTimeouts(properties.connectTimeout(), properties.readTimeout()));
        ClientHttpRequestFactory writes = ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()
                .withTimeouts(properties.connectTimeout(), properties.writeTimeout()));
        RestClient.Builder graphdb = builder.clone()
                .baseUrl(properties.url().toString())
                .requestFactory((uri, method) -> (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                        ? reads.createRequest(uri, method) : writes.createRequest(uri, method));
        if (writeAuthorization != null) {
            graphdb.requestInterceptor(writeAuthorization);
        }
        return graphdb.build();
    }
}
