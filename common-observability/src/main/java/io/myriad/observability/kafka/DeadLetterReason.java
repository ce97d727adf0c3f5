package io.myriad.observability.kafka;

import java.util.Collection;
import java.util.Locale;

import org.springframework.kafka.support.converter.ConversionException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;

/** Why a record was dead-lettered: the {@code reason} tag of {@code myriad.kafka.dead.letters}. */
public enum DeadLetterReason {

    /** The bytes are not a record of the type the listener reads. Not retried. */
    DESERIALIZATION,

    /** The record was read but is invalid, so processing it again cannot succeed. Not retried. */
    VALIDATION,

    /** Processing kept failing through every retry (a dependency down, a bug). */
    PROCESSING;

    /** The tag value. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeadLetterReason of(Throwable failure, Collection<Class<? extends Throwable>> validationExceptions) {
        for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
            if (cause instanceof DeserializationException || cause instanceof MessageConversionException
                    || cause instanceof ConversionException) {
                return DESERIALIZATION;
            }
            if (cause instanceof MethodArgumentNotValidException) {
                return VALIDATION;
            }
            for (Class<? extends Throwable> validation : validationExceptions) {
                if (validation.isInstance(cause)) {
                    return VALIDATION;
                }
            }
        }
        return PROCESSING;
    }
}
