package io.myriad.observability.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * UP when the Kafka cluster answers a describe-cluster request within the timeout. Boot has no Kafka health
 * indicator, and a service that cannot reach its broker must leave the load balancer, not pile up work.
 */
class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

    private final KafkaAdmin admin;

    private final Duration timeout;

    private volatile AdminClient client;

    KafkaHealthIndicator(KafkaAdmin admin, Duration timeout) {
        super("Kafka health check failed");
        this.admin = admin;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        DescribeClusterResult cluster = client()
                .describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
        String clusterId = cluster.clusterId().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
        int nodes = cluster.nodes().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS).size();
        builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes);
    }

    // One client for the life of the service: a new one per probe would reconnect every few seconds.
    private AdminClient client() {
        AdminClient current = this.client;
        if (current == null) {
            synchronized (this) {
                current = this.client;
                if (current == null) {
                    Map<String, Object> config = new HashMap<>(this.admin.getConfigurationProperties());
                    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "myriad-health");
                    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) this.timeout.toMillis());
                    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) this.timeout.toMillis());
                    current = AdminClient.create(config);
                    this.client = current;
                }
            }
        }
        return current;
    }

    @Override
    public void close() {
        AdminClient current = this.client;
        if (current != null) {
            current.close(Duration.ofSeconds(1));
        }
    }
}
