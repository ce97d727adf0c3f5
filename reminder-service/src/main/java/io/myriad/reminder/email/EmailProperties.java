package io.myriad.reminder.email;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How reminder mails are written. Where they are sent from is Boot's {@code spring.mail.*}: with no
 * {@code spring.mail.host} there is no mail server and this service offers no email channel.
 *
 * @param from the sender of every reminder mail
 */
@Validated
@ConfigurationProperties("myriad.reminders.mail")
record EmailProperties(@DefaultValue("reminders@myriad.local") @NotBlank String from) {
}
