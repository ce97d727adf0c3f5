package io.myriad.observability.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

/** The beans of {@link JwtSecurityAutoConfiguration}. */
final class JwtSecurityConfigurations {

    private JwtSecurityConfigurations() {
    }

    @Configuration(proxyBeanMethods = false)
    static class Decoder {

        @Bean
        @ConditionalOnMissingBean
        JwtDecoder jwtDecoder(JwtProperties properties, ResourceLoader resources) {
            require(properties.audience(), "audience");
            require(properties.publicKeyLocation(), "public-key-location");
            Map<String, JwtDecoder> byIssuer = new LinkedHashMap<>();
            byIssuer.put(properties.issuer(), decoder(resources, properties.publicKeyLocation(), properties.issuer(),
                    properties.audience()));
            if (StringUtils.hasText(properties.serviceIssuer())) {
                require(properties.servicePublicKeyLocation(), "service-public-key-location");
                if (properties.serviceIssuer().equals(properties.issuer())) {
                    throw new IllegalStateException(
                            "myriad.security.jwt.service-issuer must differ from myriad.security.jwt.issuer");
                }
                byIssuer.put(properties.serviceIssuer(), decoder(resources, properties.servicePublicKeyLocation(),
                        properties.serviceIssuer(), properties.audience()));
            }
            return new IssuerKeyedJwtDecoder(byIssuer);
        }

        private static JwtDecoder decoder(ResourceLoader resources, String keyLocation, String issuer,
                String audience) {
            RSAPublicKey key;
            try (InputStream pem = resources.getResource(keyLocation).getInputStream()) {
                key = RsaKeyConverters.x509().convert(pem);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot read the token verification key " + keyLocation, ex);
            }
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                    new JwtAudienceValidator(audience), new JwtSubjectValidator()));
            return decoder;
        }

        private static void require(String value, String name) {
            if (!StringUtils.hasText(value)) {
                throw new IllegalStateException("myriad.security.jwt." + name
                        + " is not set: a service that verifies tokens needs it (no default, see docs/security.md)");
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Web {

        @Bean
        @ConditionalOnMissingBean
        ResourceServerSecurity resourceServerSecurity(JwtDecoder decoder) {
            return new ResourceServerSecurity(decoder);
        }
    }
}
