package io.myriad.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class gets a real Redis: a container where a Docker engine answers, an embedded server where none
 * does. It is started once per JVM, before any Spring test context, and its address is published as
 * system properties (see {@link Infrastructure#redis()}). Test methods may take a {@link RedisServer}
 * parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(InfrastructureExtension.class)
public @interface RealRedis {
}
