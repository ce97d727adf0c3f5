package io.myriad.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class gets a real Neo4j: a container where a Docker engine answers, an embedded server where none
 * does. It is started once per JVM, before any Spring test context, and its address is published as
 * system properties (see {@link Infrastructure#neo4j()}). Test methods may take a {@link Neo4jServer}
 * parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(InfrastructureExtension.class)
public @interface RealNeo4j {
}
