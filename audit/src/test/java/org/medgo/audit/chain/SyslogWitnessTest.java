package org.medgo.audit.chain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.audit.testing.AuditDatabase;
import org.medgo.audit.testing.Records;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Each checkpoint reaches a syslog receiver as an RFC 5424 message whose fields verify on their own. */
class SyslogWitnessTest {
    @TempDir
    Path keys;

    private static final Pattern RFC5424 = Pattern.compile(
            "<109>1 \\S+ gw-1 medgo-audit - CHECKPOINT \\[medgoCheckpoint@32473 seq=\"(\\d+)\" head=\"([0-9a-f]{64})\" "
                    + "keyId=\"([0-9a-f]+)\" signature=\"([A-Za-z0-9+/=]+)\"] .*");

    @Test
    void theCheckpointArrivesAndItsSignatureVerifiesWithThePublicKey() throws Exception {
        AuditDatabase db = AuditDatabase.fresh();
        new AuditTrail(db.app).record(Records.denied());
        CheckpointKey key = CheckpointKey.loadOrCreate(keys);
        try (DatagramSocket siem = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            siem.setSoTimeout(5_000);
            SyslogWitness witness = new SyslogWitness(new InetSocketAddress(InetAddress.getLoopbackAddress(), siem.getLocalPort()), "gw-1");
            new Checkpointer(db.app, key, null, witness, e -> { throw e; }).checkpoint();

            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            siem.receive(packet);
            String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            Matcher m = RFC5424.matcher(message);
            assertThat(m.matches()).as(message).isTrue();
            SignedCheckpoint received = new SignedCheckpoint(Long.parseLong(m.group(1)), HexFormat.of().parseHex(m.group(2)),
                    m.group(3), Base64.getDecoder().decode(m.group(4)), null);
            assertThat(received.seq()).isEqualTo(1);
            assertThat(received.verifiesWith(key.publicKey())).isTrue();
        }
    }

    @Test
    void anUnreachableWitnessIsReportedAndTheCheckpointStands() {
        AuditDatabase db = AuditDatabase.fresh();
        new AuditTrail(db.app).record(Records.denied());
        List<RuntimeException> failures = new ArrayList<>();
        CheckpointWitness down = cp -> { throw new IllegalStateException("SIEM down"); };
        Checkpointer checkpointer = new Checkpointer(db.app, CheckpointKey.loadOrCreate(keys), CheckpointLog.in(keys), down, failures::add);
        assertThat(checkpointer.checkpoint()).hasValue(1);
        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("SIEM down");
        assertThat(CheckpointLog.in(keys).read().checkpoints()).hasSize(1);
    }
}
