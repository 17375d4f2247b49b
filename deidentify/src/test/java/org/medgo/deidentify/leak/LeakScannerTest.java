package org.medgo.deidentify.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.PhiType;
import org.medgo.deidentify.text.Language;
import org.medgo.deidentify.text.TextDeidentifier;
import org.medgo.deidentify.vault.VaultEntries;

class LeakScannerTest {
    private final LeakScanner scanner = LeakScanner.standard();

    private static VaultEntries vaultFor(String note) {
        DeidSession s = DeidSession.newRequest(DeidSecrets.of(new byte[32]));
        TextDeidentifier.standard().deidentify(note, Language.AUTO, s);
        return new VaultEntries(s.requestId(), s.entries(), s.primaryDateOffsetDays(), Instant.now().plusSeconds(60));
    }

    @Test
    void ownSurrogatesAndShiftedDatesPass() {
        VaultEntries v = vaultFor("患者张伟，电话13812345678，于2024年3月5日入院。");
        LeakReport r = scanner.scan("[NAME_1]于2023年11月2日入院，诊断：急性心肌梗死，建议阿司匹林100mg qd。", v);
        assertThat(r.clean()).isTrue();
        assertThat(r.text()).contains("[NAME_1]");
    }

    @Test
    void identifiersTheModelInventedAreRedacted() {
        VaultEntries v = vaultFor("患者张伟，电话13812345678。");
        LeakReport r = scanner.scan("[NAME_1]的家属李娜医生，电话13998765432，邮箱li.na@example.com。", v);
        assertThat(r.clean()).isFalse();
        assertThat(r.text()).doesNotContain("13998765432", "li.na@example.com", "李娜").contains("[REDACTED_PHONE]", "[NAME_1]");
        assertThat(r.counts()).containsKeys(PhiType.PHONE, PhiType.EMAIL, PhiType.NAME);
    }

    @Test
    void originalValuesFromTheVaultAreCaughtEvenWithoutACue() {
        VaultEntries v = vaultFor("Patient: John Smith, MRN 12345678.");
        LeakReport r = scanner.scan("Summary for John Smith regarding chest pain.", v);
        assertThat(r.text()).doesNotContain("John Smith");
        assertThat(r.leaks()).isNotEmpty();
    }

    @Test
    void unknownSurrogateIdsAreNotLeaks() {
        VaultEntries v = new VaultEntries(UUID.randomUUID(), java.util.List.of(), 10, Instant.now());
        assertThat(scanner.scan("[NAME_7] is stable.", v).clean()).isTrue();
    }
}
