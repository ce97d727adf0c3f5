package io.myriad.reminder.email;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.reminder.Api;
import io.myriad.reminder.TestIdentity;
import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealRedis;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * Email end to end, through GreenMail: a due reminder mailed once with its delivery id; retried while the mail
 * server cannot be reached (a gate in front of GreenMail hangs up), failed and counted when it never can be.
 */
// Closed after the class: a context left in the cache keeps its scheduler claiming due reminders on the shared
// Redis, and would deliver another class's reminders with its own configuration and meters.
@DirtiesContext
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {"management.server.port=0",
        "myriad.reminders.mail.from=reminders@myriad.test", "myriad.reminders.poll-interval=100ms",
        "myriad.reminders.initial-backoff=100ms", "myriad.reminders.max-backoff=400ms",
        "myriad.reminders.max-attempts=3"})
@RealKafka
@RealRedis
class EmailChannelIT {

    // Ahead enough that the request is checked before it falls due even on a loaded machine (1.5 s was not:
    // "dueAt must not be in the past").
    private static final Duration DUE_IN = Duration.ofSeconds(5);

    /** One mail server for the class, so the context's {@code spring.mail.*} stays right. */
    @RegisterExtension
    static final GreenMailExtension mailServer = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    private static SmtpGate gate;

    private final int port;

    private final MeterRegistry meters;

    @Autowired
    EmailChannelIT(@LocalServerPort int port, MeterRegistry meters) {
        this.port = port;
        this.meters = meters;
    }

    @BeforeAll
    static void openGate() throws IOException {
        gate = SmtpGate.to(mailServer.getSmtp().getPort());
    }

    @AfterAll
    static void closeGate() throws IOException {
        gate.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestIdentity.register(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> gate.port());
    }

    @AfterEach
    void letMailThrough() {
        gate.refuse(0);
    }

    @Test
    void mailsTheReminderOnce() throws Exception {
        // given a user's address
        Api api = Api.as(this.port, "email-" + UUID.randomUUID());
        String address = "ada-" + UUID.randomUUID() + "@myriad.test";

        // when a reminder by email falls due
        String id = create(api, "Book the train tickets", address);

        // then one plain text mail went to the address, naming its delivery, done at the first attempt
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(state(api, id)).isEqualTo("DELIVERED"));
        JsonNode delivery = delivery(api, id);
        assertThat(delivery.path("status").asString()).isEqualTo("DELIVERED");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
        List<MimeMessage> mails = received(id + "-1-email");
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.getFirst();
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(address);
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("reminders@myriad.test");
        assertThat(mail.getSubject()).isEqualTo("Reminder: Book the train tickets");
        assertThat(mail.getMessageID()).isEqualTo("<" + id + "-1-email@myriad.local>");
        assertThat(mail.getContentType()).startsWith("text/plain");
        assertThat(((String) mail.getContent()).replace("\r\n", "\n"))
                .startsWith("Book the train tickets\n\nDue ")
                .contains("(UTC).")
                .doesNotContain("late");
    }

    @Test
    void retriesUntilTheMailServerAnswers() throws Exception {
        // given a mail server that cannot be reached for two attempts
        Api api = Api.as(this.port, "email-" + UUID.randomUUID());
        gate.refuse(2);
        int refused = gate.refused();
        double retried = count("reminder.delivery", "status", "retried");

        // when a reminder by email falls due
        String id = create(api, "Call the plumber", "ada@myriad.test");

        // then the third attempt sends it, once
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(state(api, id)).isEqualTo("DELIVERED"));
        JsonNode delivery = delivery(api, id);
        assertThat(delivery.path("status").asString()).isEqualTo("DELIVERED");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
        assertThat(gate.refused() - refused).isEqualTo(2);
        assertThat(received(id + "-1-email")).hasSize(1);
        // Counted as each attempt ends, which may be just after the state above is written.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> assertThat(count("reminder.delivery", "status", "retried") - retried).isEqualTo(2));
    }

    @Test
    void failsTheDeliveryWhenTheMailServerCannotBeReached() throws Exception {
        // given a mail server that cannot be reached
        Api api = Api.as(this.port, "email-" + UUID.randomUUID());
        gate.refuse(Integer.MAX_VALUE);
        double failed = count("reminder.delivery.failed");

        // when a reminder by email falls due
        String id = create(api, "Pay the rent", "ada@myriad.test");

        // then after max-attempts the delivery and the reminder have failed, and nothing was sent
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(state(api, id)).isEqualTo("FAILED"));
        JsonNode delivery = delivery(api, id);
        assertThat(delivery.path("status").asString()).isEqualTo("FAILED");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.path("lastError").asString()).isNotBlank();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(count("reminder.delivery.failed") - failed).isEqualTo(1));
        assertThat(received(id + "-1-email")).isEmpty();
    }

    /** Creates a reminder due in a moment with this address as its only channel; returns its id. */
    private static String create(Api api, String message, String address) {
        Api.Response response = api.post("/api/v1/reminders", """
                {"message":"%s","dueAt":"%s","zone":"UTC","channels":[{"type":"email","address":"%s"}]}"""
                .formatted(message, LocalDateTime.now(ZoneOffset.UTC).plus(DUE_IN), address));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    private static String state(Api api, String id) {
        return api.get("/api/v1/reminders/" + id).json().path("state").asString();
    }

    private static JsonNode delivery(Api api, String id) {
        JsonNode deliveries = api.get("/api/v1/reminders/" + id + "/deliveries").json();
        assertThat(deliveries.size()).as(deliveries.toString()).isEqualTo(1);
        return deliveries.get(0);
    }

    private static List<MimeMessage> received(String deliveryId) {
        return Arrays.stream(mailServer.getReceivedMessages()).filter(mail -> {
            try {
                return deliveryId.equals(mail.getHeader("X-Myriad-Delivery", null));
            }
            catch (MessagingException ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();
    }

    private double count(String name, String... tags) {
        Counter counter = this.meters.find(name).tag("channel", "email").tags(tags).counter();
        return (counter != null) ? counter.count() : 0;
    }
}
