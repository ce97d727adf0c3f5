package io.myriad.reminder.webhook;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How webhooks are sent. The secret has no default: a deployment names its own (e.g.
 * {@code MYRIAD_REMINDERS_WEBHOOK_SECRET}), and without one this service offers no webhook channel, since an unsigned
 * webhook could not be told from a forged one.
 *
 * @param secret the HMAC-SHA256 key of {@code X-Myriad-Signature}, shared with the receivers; blank turns webhooks off
 * @param timeout how long connecting may take, and then how long the receiver may take to answer
 * @param allowPrivateAddresses whether webhooks may go to loopback, private and link-local addresses (see
 * {@link WebhookAddresses}); off unless a deployment whose users are all trusted, such as the local fleet, turns it on
 */
@Validated
@ConfigurationProperties("myriad.reminders.webhook")
record WebhookProperties(String secret, @DefaultValue("5s") @NotNull Duration timeout,
        @DefaultValue("false") boolean allowPrivateAddresses) {

    boolean signing() {
        return this.secret != null && !this.secret.isBlank();
    }

    /** Never the secret itself: a record prints every component. */
    @Override
    public String toString() {
        return "WebhookProperties[secret=" + (signing() ? "(set)" : "(none)") + ", timeout=" + this.timeout
                + ", allowPrivateAddresses=" + this.allowPrivateAddresses + "]";
    }
}
