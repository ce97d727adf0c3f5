package io.myriad.testsupport;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One server of a kind for the whole JVM, started on first use. */
final class Singleton<T> {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    private final String name;
    private final Running.Launcher<T> container;
    private final Running.Launcher<T> embedded;
    private final Consumer<T> publish;
    private Running<T> running;

    Singleton(String name, Running.Launcher<T> container, Running.Launcher<T> embedded, Consumer<T> publish) {
        this.name = name;
        this.container = container;
        this.embedded = embedded;
        this.publish = publish;
    }

    synchronized T get() {
        if (running == null) {
            Provisioning provisioning = Provisioning.decide();
            long started = System.nanoTime();
            try {
                running = provisioning.mode() == Mode.CONTAINER ? container.start() : embedded.start();
            }
            catch (Exception ex) {
                throw new IllegalStateException("Could not start " + name + " (" + provisioning.mode() + ")", ex);
            }
            publish.accept(running.server());
            log.info("{}: {} because {}, ready in {} ms: {}", name, provisioning.mode(), provisioning.reason(),
                    (System.nanoTime() - started) / 1_000_000, running.server());
        }
        return running.server();
    }

    synchronized void stop() {
        if (running != null) {
            try {
                running.stopper().close();
            }
            catch (Exception ex) {
                log.warn("Could not stop {} cleanly", name, ex);
            }
            running = null;
        }
    }
}
