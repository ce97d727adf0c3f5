package io.myriad.testsupport;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the servers a test class asks for with {@link RealKafka}, {@link RealNeo4j} and {@link RealRedis},
 * and resolves {@link KafkaServer}, {@link Neo4jServer} and {@link RedisServer} parameters.
 *
 * <p>It starts them in {@code beforeAll} and again (a no-op by then) before the test instance is
 * constructed. Spring's extension creates the test context only when it post-processes the constructed
 * instance, so the system properties are in place first whatever the order of the annotations, and also
 * with {@code @TestInstance(PER_CLASS)}, where the instance is created before {@code beforeAll}.
 */
public final class InfrastructureExtension
        implements BeforeAllCallback, TestInstancePreConstructCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(InfrastructureExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        startWanted(context);
    }

    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        startWanted(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaServer.class || type == Neo4jServer.class || type == RedisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        stopWithTheRun(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == KafkaServer.class) {
            return Infrastructure.kafka();
        }
        return type == Neo4jServer.class ? Infrastructure.neo4j() : Infrastructure.redis();
    }

    private static void startWanted(ExtensionContext context) {
        List<Supplier<?>> wanted = new ArrayList<>();
        if (wants(context, RealKafka.class)) {
            wanted.add(Infrastructure::kafka);
        }
        if (wants(context, RealNeo4j.class)) {
            wanted.add(Infrastructure::neo4j);
        }
        if (wants(context, RealRedis.class)) {
            wanted.add(Infrastructure::redis);
        }
        if (!wanted.isEmpty()) {
            stopWithTheRun(context);
            Infrastructure.startTogether(wanted);
        }
    }

    private static boolean wants(ExtensionContext context, Class<? extends Annotation> annotation) {
        return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), annotation,
                context.getEnclosingTestClasses()).isPresent();
    }

    /**
     * Stops the servers when the JUnit run ends, which for an IDE that keeps its JVM can be long before the
     * JVM does; the shutdown hook covers the JVM's end.
     */
    private static void stopWithTheRun(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Infrastructure.class, key -> Infrastructure::stopAll, AutoCloseable.class);
    }
}
