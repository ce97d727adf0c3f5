package io.myriad.observability.security;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jwt.JWTParser;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Verifies a token with the key of the issuer it names: the users' identity provider, or the fleet's services. The
 * {@code iss} read before verification only picks the key; the chosen decoder then checks signature, issuer,
 * audience and expiry, so a token cannot name one issuer and be signed by the other's key.
 */
final class IssuerKeyedJwtDecoder implements JwtDecoder {

    private final Map<String, JwtDecoder> byIssuer;

    IssuerKeyedJwtDecoder(Map<String, JwtDecoder> byIssuer) {
        this.byIssuer = Map.copyOf(byIssuer);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        String issuer;
        try {
            issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        }
        catch (ParseException ex) {
            throw new BadJwtException("Malformed token", ex);
        }
        JwtDecoder decoder = (issuer != null) ? this.byIssuer.get(issuer) : null;
        if (decoder == null) {
            throw new BadJwtException("The token's issuer is not trusted here");
        }
        return decoder.decode(token);
    }
}
