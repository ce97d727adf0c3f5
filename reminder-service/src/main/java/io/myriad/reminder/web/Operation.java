package io.myriad.reminder.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an API method for {@code task_operations_total{entity,operation,status}}: the handler counts each call with
 * the status its response got (see {@link OperationMetrics}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Operation {

    /** {@code task}, {@code reminder} or {@code inbox}. */
    String entity();

    /** {@code create}, {@code read}, {@code list}, {@code update}, {@code complete} or {@code delete}. */
    String value();
}
