package io.myriad.inputprocessor.vocabulary;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Loads the vocabulary in the background from start-up, so the service starts even while graphdb-manager does
 * not answer yet: it retries every retry interval until the first load succeeds, then reloads every refresh
 * interval as a safety net for a missed ConceptsChanged event.
 */
@Component
public class VocabularyRefresher implements SmartLifecycle {

    private final ConceptVocabulary vocabulary;

    private final VocabularyProperties properties;

    private volatile ScheduledExecutorService executor;

    public VocabularyRefresher(ConceptVocabulary vocabulary, VocabularyProperties properties) {
        this.vocabulary = vocabulary;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (this.executor != null) {
            return;
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("vocabulary-refresher")
                .daemon(true)
                .factory());
        this.executor.execute(this::refreshAndReschedule);
    }

    private void refreshAndReschedule() {
        this.vocabulary.refresh();
        // An empty vocabulary is retried like a failed one: graphdb-manager answers before its seed is written.
        boolean usable = this.vocabulary.isLoaded() && this.vocabulary.current().size() > 0;
        Duration next = usable ? this.properties.refreshInterval() : this.properties.retryInterval();
        ScheduledExecutorService current = this.executor;
        try {
            if (current != null) {
                current.schedule(this::refreshAndReschedule, next.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (RejectedExecutionException ex) {
            // Stopped while reloading: nothing more to schedule.
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService stopping = this.executor;
        if (stopping != null) {
            this.executor = null;
            stopping.shutdownNow();
            try {
                // Lets a reload in flight finish, so none lands after stop() returns.
                stopping.awaitTermination(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return this.executor != null;
    }
}
