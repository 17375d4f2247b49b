package org.medgo.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module boundaries of the whole repository (ARCHITECTURE.md "Modules"), checked on the compiled main
 * classes of every module: this module's test classpath holds them all.
 */
@AnalyzeClasses(packages = "org.medgo", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    private static final String[] LIBRARIES = {"org.medgo.inference..", "org.medgo.deidentify..", "org.medgo.audit.."};

    @ArchTest
    static final ArchRule librariesDoNotKnowSpring = noClasses().that().resideInAnyPackage(LIBRARIES)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
            .because("only fhir-gateway is a Spring application; the libraries take plain inputs");

    @ArchTest
    static final ArchRule librariesDoNotKnowTheGateway = noClasses().that().resideInAnyPackage(LIBRARIES)
            .should().dependOnClassesThat().resideInAnyPackage("org.medgo.gateway..")
            .because("dependencies point one way: fhir-gateway -> libraries");

    @ArchTest
    static final ArchRule inferenceStandsAlone = noClasses().that().resideInAPackage("org.medgo.inference..")
            .should().dependOnClassesThat().resideInAnyPackage("org.medgo.deidentify..", "org.medgo.audit..");

    @ArchTest
    static final ArchRule deidentifyStandsAlone = noClasses().that().resideInAPackage("org.medgo.deidentify..")
            .should().dependOnClassesThat().resideInAnyPackage("org.medgo.inference..", "org.medgo.audit..");

    @ArchTest
    static final ArchRule auditStandsAlone = noClasses().that().resideInAPackage("org.medgo.audit..")
            .should().dependOnClassesThat().resideInAnyPackage("org.medgo.inference..", "org.medgo.deidentify..");

    @ArchTest
    static final ArchRule generationDoesNotKnowABackend = noClasses().that().resideInAPackage("org.medgo.inference.generation..")
            .should().dependOnClassesThat().resideInAnyPackage("org.medgo.inference.gpu..", "org.medgo.inference.ortjava..",
                    "org.medgo.inference.binding..")
            .because("the generation loop talks to a backend only through runtime.DecoderBackend");

    @ArchTest
    static final ArchRule onlyTheGpuBackendReachesTheFfmBinding = noClasses()
            .that().resideOutsideOfPackages("org.medgo.inference.gpu..", "org.medgo.inference.binding..")
            .should().dependOnClassesThat().resideInAPackage("org.medgo.inference.binding..")
            .because("the FFM binding to ORT's C API is the IoBinding backend's alone");
}
