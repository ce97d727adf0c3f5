package io.myriad.testsupport;

import org.testcontainers.DockerClientFactory;

/** The mode the servers must take here, asked of Docker independently of the extension. */
final class ExpectedMode {

    private ExpectedMode() {
    }

    static Mode here() {
        String forced = System.getProperty(Provisioning.MODE_PROPERTY, "auto");
        if (!forced.equals("auto")) {
            return Mode.valueOf(forced.toUpperCase());
        }
        return DockerClientFactory.instance().isDockerAvailable() ? Mode.CONTAINER : Mode.EMBEDDED;
    }
}
