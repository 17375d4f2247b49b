package org.medgo.gateway.operations.composition;

import java.util.List;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;

/** A Composition with what was generated with it (Conditions), its Provenance and the model Device. */
public record GeneratedDocument(Composition composition, List<Resource> entries, Provenance provenance, Device device) {}
