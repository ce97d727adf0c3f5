package io.myriad.reminder.email;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands between the service and the test's mail server: forwards each SMTP connection, or hangs up at once on as
 * many as it is told to refuse, which the service sees as a mail server it cannot reach. The mail server itself
 * keeps running on its port, so the service's {@code spring.mail.port} (the gate's) stays right.
 */
final class SmtpGate implements AutoCloseable {

    private final ServerSocket server;

    private final int target;

    private final AtomicInteger refusing = new AtomicInteger();

    private final AtomicInteger refused = new AtomicInteger();

    private SmtpGate(ServerSocket server, int target) {
        this.server = server;
        this.target = target;
    }

    /** A gate on a free loopback port in front of the mail server on {@code port}. */
    static SmtpGate to(int port) throws IOException {
        SmtpGate gate = new SmtpGate(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), port);
        Thread.ofVirtual().name("smtp-gate").start(gate::accept);
        return gate;
    }

    int port() {
        return this.server.getLocalPort();
    }

    /** Hangs up on the next {@code connections} connections, then forwards again. */
    void refuse(int connections) {
        this.refusing.set(connections);
    }

    /** Connections hung up on so far. */
    int refused() {
        return this.refused.get();
    }

    @Override
    public void close() throws IOException {
        this.server.close();
    }

    private void accept() {
        while (!this.server.isClosed()) {
            try {
                Socket client = this.server.accept();
                if (this.refusing.getAndUpdate(left -> Math.max(left - 1, 0)) > 0) {
                    this.refused.incrementAndGet();
                    client.close();
                }
                else {
                    Thread.ofVirtual().start(() -> forward(client));
                }
            }
            catch (IOException ex) {
                // closed, or one connection went wrong: the loop ends with the server
            }
        }
    }

    private void forward(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.target)) {
            Thread back = Thread.ofVirtual().start(() -> pipe(upstream, client));
            pipe(client, upstream);
            back.join();
        }
        catch (IOException ex) {
            // the mail server is not there: the client sees its connection end
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        }
        catch (IOException ex) {
            // one side went away; closing both ends the other direction too
        }
    }
}
