package io.myriad.agents;

import java.util.List;

import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealRedis;
import io.myriad.testsupport.ServiceContract;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "management.server.port=0")
@RealKafka
@RealRedis
// Closed after its tests, so its task listener does not answer another test class's tasks.
@DirtiesContext
class AgentsApplicationIT extends ServiceContract {

    @Override
    protected List<String> dependencies() {
        return List.of("kafka", "redis");
    }
}
