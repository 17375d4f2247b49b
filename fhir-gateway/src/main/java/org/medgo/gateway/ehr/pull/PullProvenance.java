package org.medgo.gateway.ehr.pull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Adds to a pulled draft's Provenance one {@code entity} (role {@code source}) per resource read from the
 * EMR, as a versioned absolute reference ({@code https://emr/fhir/Observation/7/_history/2}), so a reviewer
 * can tell exactly which version of the chart the draft was written from.
 */
@Component
class PullProvenance {

    private final JdbcClient db;
    private final FhirContext fhir;

    PullProvenance(DataSource dataSource, FhirContext fhir) {
        this.db = JdbcClient.create(dataSource);
        this.fhir = fhir;
    }

    void attach(String compositionId, String ehrBase, PulledRecord record) {
        IParser json = fhir.newJsonParser();
        db.sql("SELECT id, resource::text FROM operations_generated_resource WHERE composition_id = ? AND resource_type = 'Provenance'")
                .param(UUID.fromString(compositionId))
                .query((rs, n) -> new Object[] {rs.getObject(1), rs.getString(2)}).list()
                .forEach(row -> {
                    Provenance provenance = json.parseResource(Provenance.class, (String) row[1]);
                    // by exact reference: the citations already name the cited resources (unversioned), and a
                    // repeated request id finds the first call's versioned entities and adds nothing
                    java.util.Set<String> present = new java.util.HashSet<>();
                    provenance.getEntity().forEach(e -> present.add(e.getWhat().getReference()));
                    boolean added = false;
                    for (String ref : record.fetched()) {
                        if (present.add(ehrBase + "/" + ref)) {
                            provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE)
                                    .setWhat(new Reference(ehrBase + "/" + ref));
                            added = true;
                        }
                    }
                    if (!added) {
                        return;
                    }
                    db.sql("UPDATE operations_generated_resource SET resource = ?::jsonb WHERE resource_type = 'Provenance' AND id = ?")
                            .params(json.encodeResourceToString(provenance), row[0]).update();
                });
    }
}
