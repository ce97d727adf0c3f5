package io.myriad.inputprocessor;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class InputProcessorApplication {

    public static void main(String[] args) {
        SpringApplication.run(InputProcessorApplication.class, args);
    }

    /** The clock reminders' times are read against; a bean so tests can fix it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
