package io.myriad.orchestrator.graphdb;

import java.time.Clock;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * The graphdb-manager's client, from Boot's observed builder so that the query's trace crosses the call. Writes
 * (neurogenesis) carry the orchestrator's own token; reads (discovery, stats) are open to the fleet and carry none.
 */
@Configuration(proxyBeanMethods = false)
class GraphDbClientConfiguration {

    @Bean
    RestClient graphDbClient(RestClient.Builder builder, GraphDbProperties properties, ResourceLoader resources) {
        HttpClientSettings settings = HttpClientSettings.defaults()
                .withTimeouts(properties.connectTimeout(), properties.readTimeout());
        ServiceToken token = new ServiceToken(properties.token(), resources, Clock.systemUTC());
        ClientHttpRequestInterceptor authorizeWrites = (request, body, execution) -> {
            if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
                request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + token.value());
            }
            return execution.execute(request, body);
        };
        return builder.baseUrl(properties.url().toString())
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings))
                .requestInterceptor(authorizeWrites)
                .build();
    }
}
