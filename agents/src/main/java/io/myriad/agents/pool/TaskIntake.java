package io.myriad.agents.pool;

/** Where tasks come from, paused under backpressure so they wait in Kafka rather than being dropped here. */
public interface TaskIntake {

    void pause();

    void resume();
}
