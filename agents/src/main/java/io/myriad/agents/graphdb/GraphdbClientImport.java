package io.myriad.agents.graphdb;

import io.myriad.contracts.graph.client.GraphdbClientConfiguration;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The fleet's graphdb-manager client that {@link GraphdbClient} calls through; reads only, so it signs nothing. */
@Configuration(proxyBeanMethods = false)
@Import(GraphdbClientConfiguration.class)
class GraphdbClientImport {
}
