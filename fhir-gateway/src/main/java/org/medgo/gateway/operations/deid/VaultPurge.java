package org.medgo.gateway.operations.deid;

import org.medgo.deidentify.vault.Vault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes expired re-identification vault entries, so originals do not outlive their TTL in the database. */
@Component
class VaultPurge {

    private static final Logger log = LoggerFactory.getLogger(VaultPurge.class);
    private final Vault vault;

    VaultPurge(Vault vault) {
        this.vault = vault;
    }

    @Scheduled(fixedDelayString = "PT15M", initialDelayString = "PT1M")
    void purge() {
        try {
            int n = vault.purgeExpired();
            if (n > 0) log.info("purged {} expired de-identification vault entries", n);
        } catch (RuntimeException e) {
            log.warn("vault purge failed: {}", e.toString());
        }
    }
}
