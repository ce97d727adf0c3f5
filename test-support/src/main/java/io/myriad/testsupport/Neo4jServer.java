package io.myriad.testsupport;

import java.net.URI;

/**
 * A running Neo4j, spoken to over Bolt without authentication.
 *
 * @param boltUri e.g. {@code bolt://127.0.0.1:41234}
 * @param mode how it was provided
 */
public record Neo4jServer(URI boltUri, Mode mode) {
}
