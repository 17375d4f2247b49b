package org.medgo.gateway.operations.prompt;

import java.util.List;
import org.medgo.inference.chat.ChatMessage;

/**
 * One versioned template from {@code config/prompts/}: {@code id} is the file name without {@code .txt}
 * (e.g. {@code summarize-v1.en}) and goes into the Provenance.
 */
public record PromptTemplate(String id, String language, String system, String user, String jsonSchema) {

    public List<ChatMessage> messages(String record) {
        // the record is inserted last and once, so text in the record cannot inject template placeholders
        return List.of(ChatMessage.system(system.strip()), ChatMessage.user(user.replace("{{record}}", record).strip()));
    }

    /** The schema for constrained decoding of one record: its citation lists may hold only this record's keys. */
    public String jsonSchemaFor(KeyedRecord record) {
        return CitationSchema.forRecord(jsonSchema, record.keys());
    }
}
