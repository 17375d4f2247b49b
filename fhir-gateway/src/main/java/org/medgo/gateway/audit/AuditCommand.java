package org.medgo.gateway.audit;

import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.medgo.audit.chain.ChainVerifier;
import org.medgo.audit.chain.CheckpointKey;
import org.medgo.audit.chain.VerificationResult;
import org.medgo.gateway.GatewayContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

/** {@code ./medgo audit verify}: recompute the chain, check the signed checkpoints. */
@Command(name = "audit", description = "Audit trail tools.", mixinStandardHelpOptions = true,
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute the audit hash chain and check the signed checkpoints. Exit 0 with the count "
                    + "when intact; exit 1 with the first broken sequence number otherwise.")
    static final class Verify implements Callable<Integer> {
        @Override
        public Integer call() {
            try (ConfigurableApplicationContext gateway = GatewayContext.open()) {
                AuditProperties props = gateway.getBean(AuditProperties.class);
                gateway.getBean(CheckpointKey.class); // on a fresh data directory: makes the key pair, as a start would
                VerificationResult r = new ChainVerifier(gateway.getBean(DataSource.class),
                        CheckpointKey.readPublic(CheckpointKey.publicKeyFile(props.keyDir()))).verify();
                if (r.intact()) {
                    System.out.printf("audit trail intact: %d events, %d signed checkpoints verified%n", r.events(), r.checkpoints());
                    return 0;
                }
                System.out.printf("audit trail BROKEN at seq %d: %s (%d events before it verified)%n",
                        r.firstBrokenSeq(), r.problem(), r.events());
                return 1;
            }
        }
    }
}
