package org.medgo.gateway.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.PhiType;
import org.medgo.deidentify.leak.LeakReport;
import org.medgo.deidentify.leak.LeakScanner;
import org.medgo.deidentify.relink.Reidentifier;
import org.medgo.deidentify.text.Language;
import org.medgo.deidentify.text.TextDeidentifier;
import org.medgo.deidentify.vault.Vault;
import org.medgo.deidentify.vault.VaultEntries;
import org.medgo.gateway.operations.OperationsProperties;
import org.medgo.inference.chat.ChatMessage;
import org.springframework.stereotype.Component;

/**
 * De-identification of a {@code /v1} call: every message (or the prompt) goes through the free-text
 * de-identifier in one session, so the same name is the same surrogate across all turns the client sent;
 * dates are shifted by an offset keyed by the conversation (client + conversation id), so a conversation
 * keeps its shift from call to call. The surrogates go to the encrypted vault like an operation's; the
 * answer is leak-scanned on the surrogate text, then re-identified.
 */
@Component
class ConversationPrivacy {

    /** What the model receives, and how to turn its output back into text for the client. */
    record Sealed(List<ChatMessage> messages, String prompt, UUID vaultId, Map<PhiType, Integer> counts,
                  OutputFilter output) {}

    /** Leak scan + re-identification of model text; counts what it redacted. */
    static final class OutputFilter {
        private final VaultEntries entries;
        private final LeakScanner scanner;
        private final AtomicInteger leaks = new AtomicInteger();

        private OutputFilter(VaultEntries entries, LeakScanner scanner) {
            this.entries = entries;
            this.scanner = scanner;
        }

        static OutputFilter identity() {
            return new OutputFilter(null, null);
        }

        String apply(String modelText) {
            if (entries == null || modelText.isEmpty()) {
                return modelText;
            }
            LeakReport report = scanner.scan(modelText, entries);
            leaks.addAndGet(report.leaks().size());
            return Reidentifier.reidentify(report.text(), entries);
        }

        boolean active() {
            return entries != null;
        }

        int leaksRedacted() {
            return leaks.get();
        }
    }

    private final DeidSecrets secrets;
    private final Vault vault;
    private final LeakScanner scanner;
    private final OperationsProperties properties;
    private final TextDeidentifier detector = TextDeidentifier.standard();

    ConversationPrivacy(DeidSecrets secrets, Vault vault, LeakScanner scanner, OperationsProperties properties) {
        this.secrets = secrets;
        this.vault = vault;
        this.scanner = scanner;
        this.properties = properties;
    }

    /** The conversation key as stored in the audit: a keyed hash, never the id the client sent. */
    String conversationHash(String clientId, String conversationId) {
        return secrets.hash("conversation", clientId + "\u0000" + conversationId);
    }

    Sealed seal(List<ChatMessage> messages, String prompt, String conversationHash) {
        DeidSession session = DeidSession.newRequest(secrets);
        session.usePatient("conversation:" + conversationHash);
        List<ChatMessage> out = null;
        if (messages != null) {
            out = new ArrayList<>(messages.size());
            for (ChatMessage m : messages) {
                out.add(new ChatMessage(m.role(), clean(m.content(), session),
                        m.reasoningContent() == null ? null : clean(m.reasoningContent(), session)));
            }
        }
        String sealedPrompt = prompt == null ? null : clean(prompt, session);
        UUID vaultId = vault.store(session, properties.vaultTtl());
        VaultEntries entries = vault.load(vaultId).orElseThrow(() -> new IllegalStateException("vault entry vanished"));
        return new Sealed(out, sealedPrompt, vaultId, session.counts(), new OutputFilter(entries, scanner));
    }

    private String clean(String text, DeidSession session) {
        return text.isEmpty() ? text : detector.deidentify(text, Language.AUTO, session).text();
    }
}
