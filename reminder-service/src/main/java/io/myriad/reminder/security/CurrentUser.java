package io.myriad.reminder.security;

import java.security.Principal;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The user a request acts for: the {@code sub} of its token. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static String id() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication.getName() == null) {
            throw new IllegalStateException("No authenticated user");
        }
        return authentication.getName();
    }

    public static String of(Principal principal) {
        if (principal == null || principal.getName() == null) {
            throw new IllegalStateException("No authenticated user");
        }
        return principal.getName();
    }
}
