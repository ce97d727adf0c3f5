package io.myriad.agents;

import java.io.IOException;
import java.util.List;

import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealRedis;
import io.myriad.testsupport.ServiceContract;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
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

    @Test
    void exposesEveryAgentsSeriesBeforeTheFirstTask() throws IOException, InterruptedException {
        String metrics = get("/actuator/prometheus", "text/plain").body();

        assertThat(metrics).contains("agents_observations_total{", "priority=\"high\"", "priority=\"low\"",
                "agents_observations_rejected_total{", "reason=\"overloaded\"", "reason=\"expired\"",
                "reason=\"unknown_agent\"", "reason=\"knowledge_unavailable\"",
                "agents_backpressure_activations_total{", "level=\"warning\"", "level=\"critical\"",
                "level=\"overloaded\"", "agents_backpressure_state{", "agents_batches_processed_total{",
                "agents_queue_depth{", "agents_queue_capacity{", "agents_queue_wait_time_seconds_bucket{",
                "agents_worker_utilization{", "agents_workers{", "agents_task_duration_seconds_bucket{",
                "agent_type=\"fact_base\"", "agents_cache_hits_total{", "agents_cache_misses_total{",
                "agents_active{");
    }
}
