package io.myriad.reminder.email;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.myriad.reminder.delivery.Delivery;
import io.myriad.reminder.delivery.DeliveryChannel;
import io.myriad.reminder.reminders.Channel;
import io.myriad.reminder.reminders.ChannelType;
import io.myriad.reminder.reminders.Reminder;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Mails a reminder, as plain text, to the address its owner gave, through the mail server Boot configures from
 * {@code spring.mail.*}; without one the channel is unavailable. The server accepting the mail is the
 * acknowledgement; any failure is a failed attempt, retried by the dispatcher. Every attempt carries the delivery
 * id, in {@code X-Myriad-Delivery} and in its {@code Message-ID}, so a copy sent again after a lost answer can be
 * recognised.
 */
@Component
class EmailChannel implements DeliveryChannel {

    static final String DELIVERY_HEADER = "X-Myriad-Delivery";

    static final int SUBJECT_LENGTH = 80;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu, HH:mm",
            Locale.ENGLISH);

    private final ObjectProvider<JavaMailSender> senders;

    private final Clock clock;

    private final EmailProperties properties;

    EmailChannel(ObjectProvider<JavaMailSender> senders, Clock clock, EmailProperties properties) {
        this.senders = senders;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    /** Only with a mail server configured. */
    @Override
    public boolean available() {
        return this.senders.getIfAvailable() != null;
    }

    @Override
    public Delivery.Status deliver(Delivery delivery, Reminder reminder, Channel channel) throws MessagingException {
        JavaMailSender sender = this.senders.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("No mail server is configured");
        }
        MimeMessage mail = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mail, StandardCharsets.UTF_8.name());
        helper.setFrom(this.properties.from());
        helper.setTo(channel.address());
        helper.setSubject(subject(reminder.message()));
        helper.setText(text(delivery, reminder, this.clock.instant()));
        mail.setHeader(DELIVERY_HEADER, delivery.id());
        // Kept by JavaMailSenderImpl instead of a generated one.
        mail.setHeader("Message-ID", messageId(delivery));
        mail.setHeader("Auto-Submitted", "auto-generated");
        sender.send(mail);
        return Delivery.Status.DELIVERED;
    }

    static String messageId(Delivery delivery) {
        return "<" + delivery.id() + "@myriad.local>";
    }

    /** {@code Reminder: } and the message on one line, cut to {@value #SUBJECT_LENGTH} characters. */
    static String subject(String message) {
        String line = message.strip().replaceAll("\\s+", " ");
        if (line.length() > SUBJECT_LENGTH) {
            int end = SUBJECT_LENGTH - 1;
            if (Character.isHighSurrogate(line.charAt(end - 1))) {
                end--;
            }
            line = line.substring(0, end) + "…";
        }
        return "Reminder: " + line;
    }

    static String text(Delivery delivery, Reminder reminder, Instant sentAt) {
        ZoneId zone = ZoneId.of(reminder.zone());
        StringBuilder text = new StringBuilder(reminder.message().strip()).append("\n\n");
        text.append("Due ").append(TIME.format(delivery.dueAt().atZone(zone))).append(" (").append(zone.getId())
                .append(").\n");
        if (delivery.late()) {
            text.append("This reminder is late: it went out at ").append(TIME.format(sentAt.atZone(zone)))
                    .append(", as the reminder service was down or behind when it fell due.\n");
        }
        return text.append("\n-- \nSent by Myriad reminders (delivery ").append(delivery.id()).append(").\n")
                .toString();
    }
}
