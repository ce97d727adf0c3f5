package io.myriad.testsupport;

/** A server we started, and how to stop it. */
record Running<T>(T server, AutoCloseable stopper) {

    @FunctionalInterface
    interface Launcher<T> {
        Running<T> start() throws Exception;
    }
}
