package org.civicledger.command.notices;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP server standing in for the SMS gateway: records each request, answers the statuses it is given. */
final class SmsGatewayStub implements AutoCloseable {

    record Received(String body, String authorization, String contentType) {
    }

    private final HttpServer server;
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    SmsGatewayStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sms", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Received(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type")));
            }
            int status;
            synchronized (statuses) {
                status = statuses.isEmpty() ? 200 : statuses.removeFirst();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The statuses of the next answers, in order; 200 once they are used up. */
    void answer(Integer... next) {
        synchronized (statuses) {
            statuses.addAll(List.of(next));
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sms");
    }

    List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
