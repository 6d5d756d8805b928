package io.tollgate.node.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Forwards TCP connections from an address the test's network namespaces can reach to one they cannot (the local
 * PostgreSQL listens on 127.0.0.1 of the root namespace only).
 */
public final class TcpForwarder implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private TcpForwarder(ServerSocket server, String targetHost, int targetPort) {
        this.server = server;
        threads.submit(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket target = new Socket(targetHost, targetPort);
                    threads.submit(() -> pump(client, target));
                    threads.submit(() -> pump(target, client));
                } catch (IOException e) {
                    if (server.isClosed()) {
                        return;
                    }
                }
            }
        });
    }

    /** Listens on {@code bindHost} (a free port) and forwards to {@code targetHost:targetPort}. */
    public static TcpForwarder start(String bindHost, String targetHost, int targetPort) {
        try {
            return new TcpForwarder(new ServerSocket(0, 50, InetAddress.getByName(bindHost)), targetHost, targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.getLocalPort();
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // one side closed
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
