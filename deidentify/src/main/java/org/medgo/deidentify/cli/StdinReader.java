package org.medgo.deidentify.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.medgo.deidentify.InvalidInputException;

/** Reads all of stdin with a size cap and strict UTF-8 (a wrong encoding is refused, not guessed). */
final class StdinReader {
    private StdinReader() {
    }

    static String readUtf8(InputStream in, int maxBytes) throws IOException {
        byte[] data = in.readNBytes(maxBytes + 1);
        if (data.length > maxBytes) {
            throw new InvalidInputException("input larger than " + (maxBytes / (1024 * 1024)) + " MiB; nothing written");
        }
        int offset = data.length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB && (data[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, offset, data.length - offset)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("input is not valid UTF-8 (convert it first, e.g. iconv -f GB18030 -t UTF-8)");
        }
    }
}
