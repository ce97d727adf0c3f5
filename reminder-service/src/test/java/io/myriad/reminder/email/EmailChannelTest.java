package io.myriad.reminder.email;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.myriad.reminder.delivery.Delivery;
import io.myriad.reminder.reminders.Channel;
import io.myriad.reminder.reminders.ChannelType;
import io.myriad.reminder.reminders.Reminder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/** What a reminder mail says and carries, with the mail server mocked. */
class EmailChannelTest {

    private static final Instant DUE = Instant.parse("2026-11-25T08:00:00Z");

    private final JavaMailSender sender = mock(JavaMailSender.class);

    @Test
    void mailsThePlainTextReminderWithTheDeliveryId() throws Exception {
        // given a mail server
        given(this.sender.createMimeMessage()).willReturn(new MimeMessage((Session) null));
        EmailChannel channel = channel(this.sender, DUE.plusSeconds(1));

        // when a reminder in Paris time is mailed
        Delivery.Status status = channel.deliver(delivery(false), reminder("Call the dentist", "Europe/Paris"),
                new Channel(ChannelType.EMAIL, null, "ada@myriad.test"));

        // then it went as plain text, due time in the reminder's zone, the delivery id in its headers
        assertThat(status).isEqualTo(Delivery.Status.DELIVERED);
        MimeMessage mail = sent();
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("reminders@myriad.test");
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("ada@myriad.test");
        assertThat(mail.getSubject()).isEqualTo("Reminder: Call the dentist");
        assertThat(mail.getHeader("X-Myriad-Delivery", null)).isEqualTo("r1-1-email");
        assertThat(mail.getHeader("Message-ID", null)).isEqualTo("<r1-1-email@myriad.local>");
        assertThat(mail.getContentType()).startsWith("text/plain");
        assertThat((String) mail.getContent())
                .startsWith("Call the dentist\n\nDue Wednesday 25 November 2026, 09:00 (Europe/Paris).\n")
                .doesNotContain("late");
    }

    @Test
    void saysWhenItIsLate() throws Exception {
        given(this.sender.createMimeMessage()).willReturn(new MimeMessage((Session) null));

        channel(this.sender, DUE.plusSeconds(5 * 60)).deliver(delivery(true), reminder("Call the dentist", "UTC"),
                new Channel(ChannelType.EMAIL, null, "ada@myriad.test"));

        assertThat((String) sent().getContent())
                .contains("Due Wednesday 25 November 2026, 08:00 (UTC).")
                .contains("This reminder is late: it went out at Wednesday 25 November 2026, 08:05");
    }

    @Test
    void putsTheMessageOnOneSubjectLineOfAtMost80Characters() {
        assertThat(EmailChannel.subject("  Buy\nmilk\t and  bread ")).isEqualTo("Reminder: Buy milk and bread");
        assertThat(EmailChannel.subject("a".repeat(80))).isEqualTo("Reminder: " + "a".repeat(80));
        assertThat(EmailChannel.subject("a".repeat(81))).isEqualTo("Reminder: " + "a".repeat(79) + "…");
        // a character outside the BMP is not cut in half
        assertThat(EmailChannel.subject("a".repeat(78) + "😀" + "b".repeat(10)))
                .isEqualTo("Reminder: " + "a".repeat(78) + "…");
    }

    @Test
    void throwsWhatTheMailServerThrows() {
        given(this.sender.createMimeMessage()).willReturn(new MimeMessage((Session) null));
        willThrow(new MailSendException("Mail server connection failed")).given(this.sender)
                .send(any(MimeMessage.class));

        assertThatExceptionOfType(MailSendException.class)
                .isThrownBy(() -> channel(this.sender, DUE).deliver(delivery(false), reminder("x", "UTC"),
                        new Channel(ChannelType.EMAIL, null, "ada@myriad.test")));
    }

    @Test
    void isAvailableOnlyWithAMailServer() {
        assertThat(channel(this.sender, DUE).available()).isTrue();
        assertThat(channel(null, DUE).available()).isFalse();
    }

    private MimeMessage sent() {
        ArgumentCaptor<MimeMessage> mail = ArgumentCaptor.forClass(MimeMessage.class);
        verify(this.sender).send(mail.capture());
        return mail.getValue();
    }

    private static EmailChannel channel(JavaMailSender sender, Instant now) {
        StaticListableBeanFactory beans = (sender != null)
                ? new StaticListableBeanFactory(Map.of("mailSender", sender)) : new StaticListableBeanFactory();
        return new EmailChannel(beans.getBeanProvider(JavaMailSender.class), Clock.fixed(now, ZoneOffset.UTC),
                new EmailProperties("reminders@myriad.test"));
    }

    private static Delivery delivery(boolean late) {
        return new Delivery("r1-1-email", "r1", "user-1", ChannelType.EMAIL, 1, DUE, Delivery.Status.PENDING, 0,
                null, late, null, DUE);
    }

    private static Reminder reminder(String message, String zone) {
        return new Reminder("r1", "user-1", message, DUE, zone,
                List.of(new Channel(ChannelType.EMAIL, null, "ada@myriad.test")), null, Reminder.State.SCHEDULED, 0,
                "api", Map.of(), DUE, DUE, null);
    }
}
