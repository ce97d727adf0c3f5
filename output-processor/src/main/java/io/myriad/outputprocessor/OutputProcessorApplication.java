package io.myriad.outputprocessor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class OutputProcessorApplication {

    public static void main(String[] args) {
        SpringApplication.run(OutputProcessorApplication.class, args);
    }
}
