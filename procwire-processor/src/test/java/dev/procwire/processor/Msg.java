package dev.procwire.processor;

import dev.procwire.runtime.codec.Codecs;
import dev.procwire.runtime.codec.Decoder;
import dev.procwire.runtime.codec.Encoder;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** MsgPack helpers for tests. */
final class Msg {
    private Msg() {}

    static <T> byte[] encode(Encoder<? super T> encoder, T value) {
        MsgPackWriter w = new MsgPackWriter();
        encoder.encode(w, value);
        return w.toByteArray();
    }

    /** Decodes {@code bytes} and checks nothing is left over. */
    static <T> T decode(Decoder<T> decoder, byte[] bytes) {
        MsgPackReader r = new MsgPackReader(bytes);
        T value = decoder.decode(r);
        r.expectEnd();
        return value;
    }

    /** A value of the dynamic model, encoded. */
    static byte[] pack(Object value) {
        return encode(Codecs.VALUE, value);
    }

    /** Bytes decoded into the dynamic model. */
    static Object unpack(byte[] bytes) {
        return decode(MsgPackReader::readValue, bytes);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** An insertion-ordered map from alternating keys and values. */
    static Map<Object, Object> map(Object... keysAndValues) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
