package io.myriad.orchestrator;

import java.util.List;

import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.ServiceContract;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "management.server.port=0")
@RealKafka
class OrchestratorApplicationIT extends ServiceContract {

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry properties) {
        TestTokens.register(properties);
    }

    @Override
    protected List<String> dependencies() {
        return List.of("kafka");
    }
}
