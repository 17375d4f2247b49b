package org.medgo.deidentify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A bad line gets one line on stderr naming it; every other line of the stream is still de-identified. */
class TextCommandBadLinesTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(InputStream in) {
        return new CommandLine(new DeidentifyTextCommand(new CommandStreams(in, new PrintStream(out), new PrintStream(err))))
                .execute("--lang", "en");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> ids() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new java.util.ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                ids.add(json.readTree(line).get("id").asText());
            }
        }
        return ids;
    }

    @Test
    void eachBadLineIsNamedAndTheRestIsProcessed() throws IOException {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write(utf8("{\"id\":\"a\",\"text\":\"Seen by Dr. Okonkwo, MRN 55667788.\"}\n"));
        in.write("{\"id\":\"gbk\",\"text\":\"患者张伟\"}\n".getBytes(Charset.forName("GB18030")));   // line 2: not UTF-8
        in.write(utf8("\n"));                                                                     // line 3: empty
        in.write(utf8("{\"id\":\"c\",\"note\":\"no text field\"}\n"));                           // line 4: no text
        in.write(utf8("not json at all\n"));                                                      // line 5
        in.write(utf8("{\"id\":\"d\",\"text\":\"Call 617-555-0199 about Rose.\"}\r\n"));
        assertThat(run(new ByteArrayInputStream(in.toByteArray()))).isEqualTo(2);
        assertThat(ids()).containsExactly("a", "d");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Okonkwo", "55667788", "617-555-0199");
        String[] errors = err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(": line ")).toArray(String[]::new);
        assertThat(errors).hasSize(4);
        assertThat(errors[0]).contains("line 2", "not valid UTF-8");
        assertThat(errors[1]).contains("line 3", "empty line");
        assertThat(errors[2]).contains("line 4", "\"text\"");
        assertThat(errors[3]).contains("line 5", "not a JSON object");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("张伟", "no text field");
    }

    @Test
    void aTenMegabyteLineIsSkippedWithoutHoldingItAndTheNextLineIsProcessed() throws IOException {
        byte[] head = utf8("{\"id\":\"big\",\"text\":\"");
        long size = 10L * 1024 * 1024;
        InputStream huge = new InputStream() {
            private long pos;
            private final byte[] tail = utf8("\"}\n{\"id\":\"after\",\"text\":\"Pt Maria K. seen today.\"}\n");

            @Override
            public int read() {
                long i = pos++;
                if (i < head.length) {
                    return head[(int) i];
                }
                if (i < size) {
                    return 'x';
                }
                long t = i - size;
                return t < tail.length ? tail[(int) t] : -1;
            }
        };
        assertThat(run(huge)).isEqualTo(2);
        assertThat(ids()).containsExactly("after");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Maria");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 1: longer than 8 MiB");
    }

    @Test
    void aCleanStreamExitsZeroAndAFinalNewlineIsNoEmptyLine() throws IOException {
        assertThat(run(new ByteArrayInputStream(utf8("{\"id\":1,\"text\":\"BP 120/80.\"}\n")))).isZero();
        assertThat(ids()).containsExactly("1");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("line");
    }
}
