package org.medgo.gateway.operations.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medgo.inference.constrained.JsonSchemaConstraint;

/** A v2 schema made for one record: citation lists may hold only that record's keys. */
class CitationSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PromptTemplates templates = new PromptTemplates();

    @Test
    void citationListsBecomeAnEnumOfExactlyThisRecordsKeys() throws Exception {
        KeyedRecord record = new KeyedRecord(List.of(new RecordLine("C1", 2, "Condition", "Condition: Hypertension"),
                new RecordLine("N1", 5, "DocumentReference", "Admission note:"),
                new RecordLine("N1:1", 5, "DocumentReference", "Chest pain.")));
        String schema = templates.current("summarize", "en").jsonSchemaFor(record);

        JsonNode sources = JSON.readTree(schema).at("/properties/course/items/properties/sources");
        assertThat(sources.path("type").asText()).isEqualTo("array");
        assertThat(sources.path("maxItems").asInt()).isEqualTo(3);
        assertThat(sources.at("/items/enum")).extracting(JsonNode::asText).containsExactly("C1", "N1", "N1:1");
        assertThat(schema).doesNotContain(CitationSchema.MARKER);
        JsonSchemaConstraint.validateSchema(schema); // the decoder accepts it
    }

    @Test
    void differentialFindingsAreCitedTooAndARecordWithoutKeysAllowsOnlyEmptyLists() throws Exception {
        String schema = templates.current("differential", "zh").jsonSchemaFor(new KeyedRecord(List.of()));
        JsonNode finding = JSON.readTree(schema).at("/properties/differentials/items/properties/opposing/items/properties/sources");
        assertThat(finding.path("maxItems").asInt()).isZero();
        JsonSchemaConstraint.validateSchema(schema);
    }

    @Test
    void aSchemaWithoutCitationsIsLeftAsItIs() {
        String v1 = "{\"type\":\"object\",\"properties\":{\"course\":{\"type\":\"string\"}},\"required\":[\"course\"]}";
        assertThat(CitationSchema.forRecord(v1, List.of("C1"))).isSameAs(v1);
    }
}
