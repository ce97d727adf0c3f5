package io.myriad.observability.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * The fleet's JWT resource server, for a service with Spring Security's resource server on its classpath that
 * names its token issuer ({@code myriad.security.jwt.issuer}): the decoder every service verifies tokens with, and
 * {@link ResourceServerSecurity} for its filter chain. The service still declares its own
 * {@code SecurityFilterChain}, where it says who may call what; a service missing the issuer setting then fails to
 * start rather than run open. Before Boot's own resource-server and web security auto-configurations, so that they
 * see this decoder and the service's chain and add neither of theirs.
 * <p>
 * No {@code enabled} switch, on purpose: this configuration is what authenticates callers, and a flag that turned it
 * off would let one line of configuration open a service. Its switch is the issuer: without
 * {@code myriad.security.jwt.issuer} nothing here is added, and a service then either fails to start (its chain needs
 * {@link ResourceServerSecurity}) or runs with Spring Boot's own secure default, every request authenticated.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, BearerTokenAuthenticationFilter.class, NimbusJwtDecoder.class })
@ConditionalOnProperty(prefix = "myriad.security.jwt", name = "issuer")
@EnableConfigurationProperties(JwtProperties.class)
@Import({ JwtSecurityConfigurations.Decoder.class, JwtSecurityConfigurations.Web.class })
public class JwtSecurityAutoConfiguration {
}
