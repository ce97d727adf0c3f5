package io.myriad.observability.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the API operation a Spring MVC handler method performs, so that each call is counted by outcome in the
 * starter's operations counter ({@code api.operations} by default, {@code myriad.observability.web.operations.name}):
 * tags {@code entity} and {@code operation} from here, {@code status} from the response (see
 * {@link ApiOperationMetrics}). Both values are written in code; nothing a request carries becomes a tag.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ApiOperation {

    /** What the operation acts on, e.g. {@code task} or {@code reminder}. */
    String entity();

    /** What it does to it, e.g. {@code create}, {@code read}, {@code list}, {@code update} or {@code delete}. */
    String operation();
}
