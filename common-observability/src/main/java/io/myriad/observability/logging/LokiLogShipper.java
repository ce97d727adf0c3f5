package io.myriad.observability.logging;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.github.loki4j.logback.Loki4jAppender;
import com.github.loki4j.logback.PipelineConfigAppenderBase;
import io.myriad.observability.MyriadObservabilityProperties;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;

/**
 * A Loki4j appender on the root logger, there from this bean's initialization to its destruction. Labels are the
 * three low-cardinality ones Loki indexes well (application, env, level); everything else, trace id included,
 * travels in the line, which is the same structured JSON the service writes to stdout (ECS by the fleet
 * defaults), so one LogQL query reads both. No structured metadata: it would repeat the line, and a Loki without
 * it enabled rejects the whole batch.
 */
public class LokiLogShipper implements InitializingBean, DisposableBean {

    static final String APPENDER_NAME = "MYRIAD_LOKI";

    private final MyriadObservabilityProperties.Loki loki;

    private final String application;

    private final String env;

    private final Environment environment;

    private LoggerContext context;

    private Loki4jAppender appender;

    /**
     * Ships to {@code loki}'s push API with labels {@code application} and {@code env}, lines formatted as
     * {@code logging.structured.format.console} of {@code environment} says (ECS when unset).
     */
    public LokiLogShipper(MyriadObservabilityProperties.Loki loki, String application, String env,
            Environment environment) {
        this.loki = loki;
        this.application = application;
        this.env = env;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Loki4jAppender appender = new Loki4jAppender();
        appender.setContext(context);
        appender.setName(APPENDER_NAME);
        appender.setLabels("application=" + this.application + "\nenv=" + this.env + "\nlevel=%level");
        appender.setStructuredMetadata(Loki4jAppender.DISABLE_SMD_PATTERN);

        PipelineConfigAppenderBase.HttpCfg http = new PipelineConfigAppenderBase.HttpCfg();
        http.setUrl(this.loki.url().toString());
        appender.setHttp(http);

        PipelineConfigAppenderBase.BatchCfg batch = new PipelineConfigAppenderBase.BatchCfg();
        batch.setTimeoutMs(this.loki.batchTimeout().toMillis());
        appender.setBatch(batch);

        StructuredLayout layout = new StructuredLayout(
                this.environment.getProperty("logging.structured.format.console", "ecs"), this.environment);
        layout.setContext(context);
        layout.start();
        appender.setMessage(layout);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        this.context = context;
        this.appender = appender;
    }

    @Override
    public void destroy() {
        if (this.appender != null) {
            this.context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this.appender);
            this.appender.stop();
            this.appender = null;
        }
    }

    boolean attached() {
        return this.appender != null && this.appender.isStarted();
    }

    /**
     * Boot's structured log encoder as a layout. The encoder finds the Spring environment in its logger context;
     * it gets one of its own that holds this application's environment, so it does not depend on what the
     * logging system left in the shared one (nothing in a plain context, another application's in a test JVM).
     */
    private static final class StructuredLayout extends LayoutBase<ILoggingEvent> {

        private final StructuredLogEncoder encoder = new StructuredLogEncoder();

        StructuredLayout(String format, Environment environment) {
            LoggerContext encoderContext = new LoggerContext();
            encoderContext.putObject(Environment.class.getName(), environment);
            this.encoder.setContext(encoderContext);
            this.encoder.setFormat(format);
            this.encoder.setCharset(StandardCharsets.UTF_8);
        }

        @Override
        public void start() {
            this.encoder.start();
            super.start();
        }

        @Override
        public void stop() {
            super.stop();
            this.encoder.stop();
        }

        @Override
        public String doLayout(ILoggingEvent event) {
            return new String(this.encoder.encode(event), StandardCharsets.UTF_8).stripTrailing();
        }
    }
}
