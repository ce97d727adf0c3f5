package io.myriad.observability.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.github.loki4j.logback.JsonLayout;
import com.github.loki4j.logback.Loki4jAppender;
import com.github.loki4j.logback.PipelineConfigAppenderBase;
import io.myriad.observability.MyriadObservabilityProperties;
import org.slf4j.LoggerFactory;

/**
 * A Loki4j appender on the root logger. Labels are the three low-cardinality ones Loki indexes well
 * (application, env, level); everything else, trace id included, travels in the JSON line, where LogQL's
 * {@code | json} finds it.
 */
public class LokiLogShipper {

    static final String APPENDER_NAME = "MYRIAD_LOKI";

    private final MyriadObservabilityProperties.Loki loki;

    private final String application;

    private final String env;

    private Loki4jAppender appender;

    LokiLogShipper(MyriadObservabilityProperties.Loki loki, String application, String env) {
        this.loki = loki;
        this.application = application;
        this.env = env;
    }

    void attach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Loki4jAppender appender = new Loki4jAppender();
        appender.setContext(context);
        appender.setName(APPENDER_NAME);
        appender.setLabels("application=" + this.application + "\nenv=" + this.env + "\nlevel=%level");

        PipelineConfigAppenderBase.HttpCfg http = new PipelineConfigAppenderBase.HttpCfg();
        http.setUrl(this.loki.url().toString());
        appender.setHttp(http);

        PipelineConfigAppenderBase.BatchCfg batch = new PipelineConfigAppenderBase.BatchCfg();
        batch.setTimeoutMs(this.loki.batchTimeout().toMillis());
        appender.setBatch(batch);

        JsonLayout layout = new JsonLayout();
        layout.setContext(context);
        appender.setMessage(layout);
        layout.start();
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        this.appender = appender;
    }

    void detach() {
        if (this.appender != null) {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this.appender);
            this.appender.stop();
            this.appender = null;
        }
    }

    boolean attached() {
        return this.appender != null && this.appender.isStarted();
    }
}
