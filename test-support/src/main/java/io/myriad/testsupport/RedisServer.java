package io.myriad.testsupport;

/**
 * A running Redis without a password.
 *
 * @param host the host to connect to
 * @param port the port to connect to
 * @param mode how it was provided
 */
public record RedisServer(String host, int port, Mode mode) {
}
