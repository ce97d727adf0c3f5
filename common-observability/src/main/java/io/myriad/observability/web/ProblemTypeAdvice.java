package io.myriad.observability.web;

import java.net.URI;
import java.util.regex.Pattern;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Gives every problem a service's controllers or exception handlers answer the fleet's {@code type} (see
 * {@link ProblemJson#type(int)}) where they left Spring's {@code about:blank}, so a service's own
 * {@code @RestControllerAdvice} needs to say nothing about types; a type it sets itself is kept. It also takes
 * fully qualified Java class names out of the {@code detail}: Jackson and Spring's converters put them in their
 * messages ({@code Cannot deserialize value of type `io.myriad...ReminderRequest`}), and a client has no use for
 * them.
 */
@ControllerAdvice
public class ProblemTypeAdvice implements ResponseBodyAdvice<Object> {

    private static final URI BLANK = URI.create("about:blank");

    /** Two or more lower-case package segments and a capitalised class name, as in {@code java.lang.String}. */
    private static final Pattern CLASS_NAME = Pattern
            .compile("\\b[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_$]*(?:\\[\"?[^\\]]*\"?\\])*");

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null || BLANK.equals(problem.getType())) {
                problem.setType(ProblemJson.type(problem.getStatus()));
            }
            if (problem.getDetail() != null) {
                problem.setDetail(withoutClassNames(problem.getDetail()));
            }
        }
        return body;
    }

    static String withoutClassNames(String detail) {
        return CLASS_NAME.matcher(detail).replaceAll("the value");
    }
}
