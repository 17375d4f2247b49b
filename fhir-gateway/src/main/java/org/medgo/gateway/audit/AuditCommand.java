package org.medgo.gateway.audit;

import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.medgo.audit.chain.ChainVerifier;
import org.medgo.audit.chain.CheckpointKey;
import org.medgo.audit.chain.CheckpointLog;
import org.medgo.audit.chain.RowMacKey;
import org.medgo.audit.chain.VerificationResult;
import org.medgo.gateway.GatewayContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

/** {@code ./medgo audit verify}: recompute the chain, check the signed checkpoints. */
@Command(name = "audit", description = "Audit trail tools.", mixinStandardHelpOptions = true,
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute the audit hash chain, check each row's MAC and the signed checkpoints (in the "
                    + "database and in the checkpoint log outside it). Exit 0 with the counts when intact (checkpoints "
                    + "whose signature does not verify are listed as warnings and skipped); exit 1 with the first "
                    + "broken sequence number otherwise.")
    static final class Verify implements Callable<Integer> {
        @Override
        public Integer call() {
            try (ConfigurableApplicationContext gateway = GatewayContext.open()) {
                AuditProperties props = gateway.getBean(AuditProperties.class);
                gateway.getBean(CheckpointKey.class); // on a fresh data directory: makes the key pair, as a start would
                VerificationResult r = new ChainVerifier(gateway.getBean(DataSource.class),
                        CheckpointKey.readPublic(CheckpointKey.publicKeyFile(props.keyDir())),
                        gateway.getBean(RowMacKey.class), gateway.getBean(CheckpointLog.class)).verify();
                r.warnings().forEach(w -> System.out.println("warning: " + w));
                if (r.intact()) {
                    System.out.printf("audit trail intact: %d events, %d signed checkpoints in the database and %d in "
                            + "the checkpoint log verified%n", r.events(), r.checkpoints(), r.externalCheckpoints());
                    return 0;
                }
                System.out.printf("audit trail BROKEN at seq %d: %s (%d events before it verified)%n",
                        r.firstBrokenSeq(), r.problem(), r.events());
                return 1;
            }
        }
    }
}
