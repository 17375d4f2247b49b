package org.medgo.gateway.ehr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.List;
import org.yaml.snakeyaml.Yaml;

/**
 * The CDS Hooks API's schemas (test resource {@code cds-hooks/openapi.yaml}, see its README for source and
 * licence) as JSON Schema draft 4: a document is checked against one of its {@code components.schemas}.
 */
final class CdsHooksSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode components;

    CdsHooksSchema() throws Exception {
        try (InputStream in = CdsHooksSchema.class.getResourceAsStream("/cds-hooks/openapi.yaml")) {
            Object yaml = new Yaml().load(in);
            this.components = JSON.valueToTree(yaml).path("components");
        }
    }

    List<String> errors(String schemaName, String document) throws Exception {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$ref", "#/components/schemas/" + schemaName);
        schema.set("components", components);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema)
                .validate(JSON.readTree(document)).stream().map(ValidationMessage::getMessage).toList();
    }
}
