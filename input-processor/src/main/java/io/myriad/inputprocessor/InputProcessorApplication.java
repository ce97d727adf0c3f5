package io.myriad.inputprocessor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class InputProcessorApplication {

    public static void main(String[] args) {
        SpringApplication.run(InputProcessorApplication.class, args);
    }
}
