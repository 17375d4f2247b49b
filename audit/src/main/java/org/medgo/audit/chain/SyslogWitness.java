package org.medgo.audit.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Sends each checkpoint as one RFC 5424 syslog message over UDP (RFC 5426), the input every hospital SIEM
 * (Splunk, QRadar, Elastic, rsyslog/syslog-ng relays) accepts. Facility 13 (log audit), severity 5 (notice),
 * app-name {@code medgo-audit}, msgid {@code CHECKPOINT}; the structured data carries what verification
 * needs to compare against the database: seq, head hash, key id, signature.
 */
public final class SyslogWitness implements CheckpointWitness {
    private static final int PRIORITY = 13 * 8 + 5;

    private final InetSocketAddress target;
    private final String hostname;

    public SyslogWitness(InetSocketAddress target, String hostname) {
        this.target = target;
        this.hostname = hostname == null || hostname.isBlank() ? "-" : hostname.replace(' ', '_');
    }

    /** {@code host:port} as configured. */
    public static SyslogWitness parse(String hostPort, String hostname) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("syslog witness must be host:port, not " + hostPort);
        }
        return new SyslogWitness(new InetSocketAddress(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1))), hostname);
    }

    static String message(SignedCheckpoint cp, String hostname, Instant now) {
        return "<" + PRIORITY + ">1 " + DateTimeFormatter.ISO_INSTANT.format(now) + " " + hostname
                + " medgo-audit - CHECKPOINT [medgoCheckpoint@32473 seq=\"" + cp.seq() + "\" head=\"" + cp.headHex()
                + "\" keyId=\"" + cp.keyId() + "\" signature=\"" + Base64.getEncoder().encodeToString(cp.signature())
                + "\"] audit chain head signed at seq " + cp.seq();
    }

    @Override
    public void publish(SignedCheckpoint cp) {
        byte[] bytes = message(cp, hostname, Instant.now()).getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(bytes, bytes.length, target));
        } catch (IOException e) {
            throw new UncheckedIOException("syslog witness " + target + " unreachable: " + e.getMessage(), e);
        }
    }
}
