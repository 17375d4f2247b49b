package org.medgo.gateway.operations.deid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import javax.sql.DataSource;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.fhir.BundleDeidentifier;
import org.medgo.deidentify.leak.LeakScanner;
import org.medgo.deidentify.vault.Vault;
import org.medgo.deidentify.vault.VaultKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The de-identification module wired for the operations. Keys come from {@code MEDGO_DEID_SECRET} and
 * {@code MEDGO_VAULT_KEY}; when unset (embedded, single-host mode) a random key is generated once and kept
 * in {@code MEDGO_DATA_DIR} (mode 0600), so vault entries survive a restart.
 */
@Configuration(proxyBeanMethods = false)
class DeidentificationConfiguration {

    @Bean
    DeidSecrets deidSecrets(@Value("${medgo.data-dir}") Path dataDir) {
        Map<String, String> env = Map.of(DeidSecrets.ENV, keyFromEnvOrFile(DeidSecrets.ENV, dataDir.resolve("deid-secret")));
        return DeidSecrets.fromEnvironment(env);
    }

    @Bean
    Vault deidVault(DataSource dataSource, @Value("${medgo.data-dir}") Path dataDir) {
        Map<String, String> env = Map.of(VaultKey.ENV, keyFromEnvOrFile(VaultKey.ENV, dataDir.resolve("vault-key")));
        return new Vault(dataSource, VaultKey.fromEnvironment(env), Clock.systemUTC());
    }

    @Bean
    BundleDeidentifier bundleDeidentifier() {
        return BundleDeidentifier.standard();
    }

    @Bean
    LeakScanner leakScanner() {
        return LeakScanner.standard();
    }

    private static String keyFromEnvOrFile(String variable, Path file) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank()) {
            return value;
        }
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, encoded, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file.getFileName() + " in the data directory", e);
        }
    }
}
