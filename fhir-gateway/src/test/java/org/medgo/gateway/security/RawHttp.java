package org.medgo.gateway.security;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A GET over a plain socket with a Host header of the test's choosing (java.net.http refuses to set Host).
 * HTTP/1.0, so the answer is not chunked and ends when the server closes the connection.
 */
public final class RawHttp {

    public record Response(int status, Map<String, String> headers, String body) {
        /** A header by its lower-case name; "" when absent. */
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    private RawHttp() {}

    public static Response get(int port, String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nAccept: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            String[] head = raw.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.merge(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip(), (a, b) -> a + ", " + b);
            }
            return new Response(Integer.parseInt(head[0].split(" ")[1]), headers, raw.substring(end + 4));
        }
    }
}
