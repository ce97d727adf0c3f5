package io.myriad.reminder.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Counts every call of an {@link Operation} in {@code task_operations_total}, with a status from a closed set read
 * off the response: {@code success}, {@code invalid} (400), {@code not_found} (404), {@code rejected} (other 4xx)
 * or {@code error} (5xx). Calls without a valid token are refused before they reach a handler and are not counted
 * here (they show in {@code http_server_requests_seconds_count{status="401"}}).
 */
@Configuration(proxyBeanMethods = false)
class OperationMetrics implements WebMvcConfigurer, HandlerInterceptor {

    private final MeterRegistry registry;

    OperationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (!(handler instanceof HandlerMethod method)) {
            return;
        }
        Operation operation = method.getMethodAnnotation(Operation.class);
        if (operation == null) {
            return;
        }
        int code = (ex != null && response.getStatus() < 400) ? 500 : response.getStatus();
        Counter.builder("task_operations")
                .description("Task, reminder and inbox API calls by outcome")
                .tag("entity", operation.entity())
                .tag("operation", operation.value())
                .tag("status", status(code))
                .register(this.registry)
                .increment();
    }

    static String status(int code) {
        if (code < 400) {
            return "success";
        }
        return switch (code) {
            case 400 -> "invalid";
            case 404 -> "not_found";
            default -> (code < 500) ? "rejected" : "error";
        };
    }
}
