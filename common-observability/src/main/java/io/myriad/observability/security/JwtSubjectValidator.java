package io.myriad.observability.security;

import java.util.regex.Pattern;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token must name its subject, and the subject must be a plain identifier: the services take it as the user and
 * build storage keys and resource owners from it, so a token without one would make its bearer everyone's
 * "null" user, and one with {@code :}, {@code *} or spaces could reach outside the user's own keys.
 */
final class JwtSubjectValidator implements OAuth2TokenValidator<Jwt> {

    /** Letters, digits and {@code . _ @ | -}: user names, e-mail addresses, UUIDs and most identity providers' ids. */
    static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._@|-]{1,128}");

    private static final OAuth2Error INVALID = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The token must name its subject (sub): 1-128 letters, digits or . _ @ | -", null);

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String subject = token.getSubject();
        return (subject != null && SUBJECT.matcher(subject).matches()) ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(INVALID);
    }
}
