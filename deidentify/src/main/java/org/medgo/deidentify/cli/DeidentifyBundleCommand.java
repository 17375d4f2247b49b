package org.medgo.deidentify.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.InvalidInputException;
import org.medgo.deidentify.fhir.BundleDeidentifier;
import org.medgo.deidentify.fhir.DeidentifiedResource;
import org.medgo.deidentify.fhir.RuleSet;
import org.medgo.deidentify.text.Language;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A FHIR R4 resource or Bundle (JSON) on stdin → the de-identified JSON on stdout; counts per type on stderr. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = "De-identify a FHIR R4 resource or Bundle (JSON) from stdin to stdout.")
public final class DeidentifyBundleCommand implements Callable<Integer> {
    @Option(names = "--rules", description = "rule set (YAML/JSON); default: the shipped config/deidentify/default-rules.yaml")
    Path rules;

    private final CommandStreams streams;

    public DeidentifyBundleCommand() {
        this(CommandStreams.system());
    }

    DeidentifyBundleCommand(CommandStreams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws IOException {
        return streams.runWithConsoleOnStderr(this::run);
    }

    private int run(InputStream in, PrintStream out, PrintStream err) throws IOException {
        IBaseResource resource;
        try {
            resource = BundleDeidentifier.parse(StdinReader.readUtf8(in, BundleDeidentifier.MAX_JSON_CHARS));
        } catch (InvalidInputException e) {
            err.println("deidentify bundle: " + e.getMessage());
            return 2;
        }
        BundleDeidentifier deid;
        try {
            deid = rules == null ? BundleDeidentifier.standard() : new BundleDeidentifier(RuleSet.load(rules), Language.AUTO);
        } catch (IOException | IllegalArgumentException e) {
            err.println("deidentify bundle: cannot use rule set: " + e.getMessage());
            return 2;
        }
        DeidSession session = DeidSession.newRequest(CliSecrets.load(err));
        DeidentifiedResource result = deid.deidentify(resource, session);
        out.write((BundleDeidentifier.toJson(result.resource()) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        err.println("deidentify bundle: rule set " + result.ruleSet() + ", replaced " + result.counts());
        return 0;
    }
}
