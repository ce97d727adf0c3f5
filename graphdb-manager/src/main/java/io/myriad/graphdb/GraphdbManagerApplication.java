package io.myriad.graphdb;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class GraphdbManagerApplication {

    public static void main(String[] args) {
        SpringApplication.run(GraphdbManagerApplication.class, args);
    }
}
