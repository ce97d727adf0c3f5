package io.myriad.contracts.graph.client;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.client.RestClient;

/**
 * The graphdb-manager's client for a service that {@code @Import}s this: one {@link RestClient} bean,
 * {@code graphdbRestClient}, from Boot's observed builder. A service that names a token subject
 * ({@code myriad.graphdb.token.subject}) signs its writes, and then needs Spring Security's JOSE support and the
 * services' key: it fails at start without the key rather than at its first write.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphdbClientProperties.class)
public class GraphdbClientConfiguration {

    @Bean
    RestClient graphdbRestClient(RestClient.Builder builder, GraphdbClientProperties properties,
            ObjectProvider<WriteAuthorization> writeAuthorization) {
        return GraphdbRestClient.create(builder, properties, writeAuthorization.getIfAvailable());
    }

    // Nested, so that ServiceToken (and the JOSE classes it needs) is loaded only by services that sign.
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "myriad.graphdb.token", name = "subject")
    static class SignedWrites {

        @Bean
        WriteAuthorization graphdbWriteAuthorization(GraphdbClientProperties properties, ResourceLoader resources) {
            return new WriteAuthorization(new ServiceToken(properties.token(), resources, Clock.systemUTC())::value);
        }
    }
}
