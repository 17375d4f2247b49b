package org.medgo.gateway.operations.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hospital's implementation guides ({@code MEDGO_FHIR_IG_DIR}: FHIR NPM packages as {@code .tgz}, e.g.
 * {@code hl7.fhir.us.core-6.1.0.tgz}) as one HAPI {@link NpmPackageValidationSupport}. HAPI loads packages only
 * from the classpath, so the conformance resources of each file are added here, the same way.
 */
final class IgPackages {

    private static final Logger log = LoggerFactory.getLogger(IgPackages.class);
    private static final String[] TYPES = {"StructureDefinition", "ValueSet", "CodeSystem"};

    private IgPackages() {}

    /** Empty support when {@code dir} is null. A package that cannot be read stops the start (named). */
    static NpmPackageValidationSupport load(FhirContext fhir, String dir) {
        NpmPackageValidationSupport support = new NpmPackageValidationSupport(fhir);
        if (dir == null) {
            return support;
        }
        List<Path> packages;
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            packages = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("MEDGO_FHIR_IG_DIR cannot be read: " + dir, e);
        }
        for (Path file : packages) {
            int added = 0;
            try (InputStream in = Files.newInputStream(file)) {
                NpmPackage npm = NpmPackage.fromPackage(in);
                for (String name : npm.listResources(TYPES)) {
                    try (InputStream resource = npm.loadResource(name)) {
                        support.addResource(fhir.newJsonParser().parseResource(resource));
                        added++;
                    } catch (DataFormatException e) {
                        log.warn("FHIR package {}: {} is not FHIR R4, skipped", file.getFileName(), name);
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("MEDGO_FHIR_IG_DIR: " + file.getFileName() + " is not a readable FHIR NPM package (" + e.getMessage() + ")", e);
            }
            log.info("FHIR package {}: {} conformance resources", file.getFileName(), added);
        }
        return support;
    }
}
