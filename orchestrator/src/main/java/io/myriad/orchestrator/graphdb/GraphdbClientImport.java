package io.myriad.orchestrator.graphdb;

import io.myriad.contracts.graph.client.GraphdbClientConfiguration;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The fleet's graphdb-manager client, whose trace crosses each call: discovery and stats read without a token,
 * neurogenesis writes with the orchestrator's own ({@code myriad.graphdb.token.subject} in application.yml). Imported
 * here rather than on the application class, so that slice tests do not pull it in.
 */
@Configuration(proxyBeanMethods = false)
@Import(GraphdbClientConfiguration.class)
class GraphdbClientImport {
}
