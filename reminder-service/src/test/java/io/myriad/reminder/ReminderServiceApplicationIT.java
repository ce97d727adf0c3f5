package io.myriad.reminder;

import java.util.List;

import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealRedis;
import io.myriad.testsupport.ServiceContract;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

// Closed after the class: a context left in the cache keeps its scheduler claiming due reminders on the shared
// Redis, and would deliver another class's reminders with its own configuration and meters.
@DirtiesContext
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "management.server.port=0")
@RealKafka
@RealRedis
class ReminderServiceApplicationIT extends ServiceContract {

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        TestIdentity.register(registry);
    }

    @Override
    protected List<String> dependencies() {
        return List.of("kafka", "redis");
    }
}
