package io.myriad.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fleet's ports as {@code contracts}' {@code myriad-fleet.properties} gives them to the services and to
 * {@code ./myriad}: read from the classpath, the same file the services import, never a copy of it.
 */
public final class FleetPorts {

    /** The six services, in the launcher's start order. */
    public static final List<String> SERVICES = List.of("orchestrator", "agents", "input-processor",
            "output-processor", "reminder-service", "graphdb-manager");

    private static final Properties PROPERTIES = load();

    private FleetPorts() {
    }

    /** {@code myriad.fleet.<name>.port}. */
    public static int port(String name) {
        return port(name, "port");
    }

    /** {@code myriad.fleet.<name>.management-port}. */
    public static int managementPort(String name) {
        return port(name, "management-port");
    }

    /** {@code myriad.fleet.<name>.<key>}: {@code port}, {@code management-port} or {@code controller-port}. */
    public static int port(String name, String key) {
        String value = PROPERTIES.getProperty("myriad.fleet." + name + "." + key);
        if (value == null) {
            throw new IllegalArgumentException("no myriad.fleet." + name + "." + key + " in myriad-fleet.properties");
        }
        return Integer.parseInt(value.trim());
    }

    /** Every port the file names: the services', their management ports and the infrastructure's. */
    public static Set<Integer> all() {
        Set<Integer> ports = new TreeSet<>();
        PROPERTIES.stringPropertyNames().forEach((key) -> ports.add(Integer.parseInt(PROPERTIES.getProperty(key).trim())));
        return ports;
    }

    /** The file's keys and values as they are. */
    public static Properties properties() {
        Properties copy = new Properties();
        copy.putAll(PROPERTIES);
        return copy;
    }

    private static Properties load() {
        try (InputStream in = FleetPorts.class.getResourceAsStream("/myriad-fleet.properties")) {
            if (in == null) {
                throw new IllegalStateException("myriad-fleet.properties is not on the classpath (contracts)");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
