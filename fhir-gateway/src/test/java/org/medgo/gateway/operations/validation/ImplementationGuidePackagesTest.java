package org.medgo.gateway.operations.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.gateway.fhir.FhirProperties;

/**
 * MEDGO_FHIR_IG_DIR: a hospital's FHIR NPM package (built here: one Patient profile requiring birthDate)
 * is validated against; a profile nobody installed is no reason to refuse a record.
 */
class ImplementationGuidePackagesTest {

    static final String PROFILE = "http://hospital.example.org/fhir/StructureDefinition/hospital-patient";
    static final FhirContext FHIR = FhirContext.forR4Cached();

    @TempDir
    static Path igDir;

    static RecordValidator validator;

    @BeforeAll
    static void hospitalPackage() throws IOException {
        StructureDefinition profile = new StructureDefinition();
        profile.setId("hospital-patient");
        profile.setUrl(PROFILE).setName("HospitalPatient").setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setKind(StructureDefinition.StructureDefinitionKind.RESOURCE).setAbstract(false).setType("Patient")
                .setBaseDefinition("http://hl7.org/fhir/StructureDefinition/Patient")
                .setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT).setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        org.hl7.fhir.r4.model.ElementDefinition birthDate = profile.getDifferential().addElement().setPath("Patient.birthDate").setMin(1);
        birthDate.setId("Patient.birthDate");
        writeTgz(igDir.resolve("example.hospital.core-1.0.0.tgz"), Map.of(
                "package/package.json", """
                        {"name": "example.hospital.core", "version": "1.0.0", "fhirVersions": ["4.0.1"],
                         "dependencies": {"hl7.fhir.r4.core": "4.0.1"}}""",
                "package/StructureDefinition-hospital-patient.json", FHIR.newJsonParser().encodeResourceToString(profile)));
        Files.writeString(igDir.resolve("notes.txt"), "not a package: ignored");
        validator = new RecordValidator(FHIR, new FhirProperties(igDir.toString(), null, null));
    }

    @Test
    void aRecordBreakingTheHospitalsProfileIsRefusedNamingTheElement() {
        Patient patient = new Patient();
        patient.getMeta().addProfile(PROFILE);
        assertThat(validator.errors(patient)).anySatisfy(m -> {
            assertThat(m.getMessage()).contains("birthDate");
            assertThat(m.getLocationString()).startsWith("Patient");
        });
        patient.setBirthDate(new Date());
        assertThat(validator.errors(patient)).isEmpty();
    }

    @Test
    void aProfileTheGatewayDoesNotHaveIsNoReasonToRefuse() {
        Patient patient = new Patient();
        patient.getMeta().addProfile("http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient");
        assertThat(validator.errors(patient)).isEmpty();
    }

    private static void writeTgz(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); GZIPOutputStream gz = new GZIPOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            for (var e : entries.entrySet()) {
                byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
    }
}
