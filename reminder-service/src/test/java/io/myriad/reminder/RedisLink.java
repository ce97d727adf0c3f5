package io.myriad.reminder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.myriad.testsupport.RedisServer;

/**
 * The way from a service under test to the test's real Redis, which the test can cut and restore: cut, every
 * connection is closed and a new one refused, as when Redis is killed; restored, Redis answers again with all it
 * held, as when it comes back from its append-only file. The shared Redis itself cannot be stopped (other tests use
 * it), and this is all its clients can tell of a Redis that went away.
 */
public final class RedisLink implements AutoCloseable {

    private final RedisServer redis;

    private final int port;

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private volatile ServerSocket listening;

    private RedisLink(RedisServer redis) {
        this.redis = redis;
        this.listening = listen(0);
        this.port = this.listening.getLocalPort();
        accept(this.listening);
    }

    public static RedisLink to(RedisServer redis) {
        return new RedisLink(redis);
    }

    /** The loopback port a service connects to instead of Redis's. */
    public int port() {
        return this.port;
    }

    public boolean isCut() {
        return this.listening == null;
    }

    /** Redis goes away: open connections are closed, new ones refused. */
    public synchronized void cut() {
        ServerSocket server = this.listening;
        this.listening = null;
        if (server != null) {
            close(server);
        }
        this.open.forEach(RedisLink::close);
        this.open.clear();
    }

    /** Redis is back, on the same port, with the same data. */
    public synchronized void restore() {
        if (this.listening == null) {
            this.listening = listen(this.port);
            accept(this.listening);
        }
    }

    @Override
    public void close() {
        cut();
        this.threads.shutdownNow();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void accept(ServerSocket server) {
        this.threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(this.redis.host(), this.redis.port());
                    this.open.add(client);
                    this.open.add(upstream);
                    if (this.listening != server) { // cut() came between the accept and now
                        close(client);
                        close(upstream);
                        continue;
                    }
                    this.threads.execute(() -> pipe(client, upstream));
                    this.threads.execute(() -> pipe(upstream, client));
                }
                catch (IOException ex) {
                    // closed by cut(), or a connection that failed as it opened: the client sees it closed
                }
            }
        });
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        }
        catch (IOException ex) {
            // the other side or cut() closed it
        }
        finally {
            close(from);
            close(to);
            this.open.remove(from);
            this.open.remove(to);
        }
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        }
        catch (Exception ex) {
            // closing is all that is wanted
        }
    }
}
