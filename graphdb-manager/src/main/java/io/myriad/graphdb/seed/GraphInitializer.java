package io.myriad.graphdb.seed;

import io.myriad.graphdb.GraphdbProperties;
import io.myriad.graphdb.stats.RegistryGauges;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** At start, before the service reports ready: the constraints, then the seed, then the gauges' first count. */
@Component
class GraphInitializer implements ApplicationRunner {

    private final GraphSchema schema;

    private final SeedLoader seed;

    private final RegistryGauges gauges;

    private final GraphdbProperties properties;

    GraphInitializer(GraphSchema schema, SeedLoader seed, RegistryGauges gauges, GraphdbProperties properties) {
        this.schema = schema;
        this.seed = seed;
        this.gauges = gauges;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        this.schema.ensure();
        if (this.properties.seedEnabled()) {
            this.seed.load();
        }
        this.gauges.refresh();
    }
}
