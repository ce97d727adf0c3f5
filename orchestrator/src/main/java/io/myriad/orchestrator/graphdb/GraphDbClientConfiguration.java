package io.myriad.orchestrator.graphdb;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The graphdb-manager's client, from Boot's observed builder so that the query's trace crosses the call. */
@Configuration(proxyBeanMethods = false)
class GraphDbClientConfiguration {

    @Bean
    RestClient graphDbClient(RestClient.Builder builder, GraphDbProperties properties) {
        HttpClientSettings settings = HttpClientSettings.defaults()
                .withTimeouts(properties.connectTimeout(), properties.readTimeout());
        return builder.baseUrl(properties.url().toString())
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings))
                .build();
    }
}
