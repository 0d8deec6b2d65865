package dev.procwire.runtime.internal.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * JSON params reach the binding as the bytes {@code @msgpack/msgpack} would send for the same
 * JavaScript value (docs/protocol.md#msgpack), so a binding cannot tell the two parents apart.
 */
class JsonValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String msgpackOf(String json) throws Exception {
        MsgPackWriter w = new MsgPackWriter();
        JsonValues.toMsgPack(JSON.readTree(json), w);
        return HexFormat.of().formatHex(w.toByteArray());
    }

    @Test
    void integersUseTheSmallestFormat() throws Exception {
        assertEquals("01", msgpackOf("1"));
        assertEquals("ff", msgpackOf("-1"));
        assertEquals("cd012c", msgpackOf("300"));
        assertEquals("cf0000010000000000", msgpackOf("1099511627776"));
    }

    @Test
    void integralDoublesAreIntegersAndOthersFloat64() throws Exception {
        assertEquals("03", msgpackOf("3.0"));
        assertEquals("cb3fe0000000000000", msgpackOf("0.5"));
    }

    @Test
    void integersBeyondInt64AreUint64ThenFloat64AsJsonParseWouldMakeThem() throws Exception {
        assertEquals("cfffffffffffffffff", msgpackOf("18446744073709551615"));
        assertEquals("cb4450000000000000", msgpackOf("1180591620717411303424")); // 2^70
    }

    @Test
    void stringsMapsArraysAndLiterals() throws Exception {
        assertEquals("a668c3a96c6c6f", msgpackOf("\"héllo\""));
        assertEquals("82a16101a162a178", msgpackOf("{\"a\":1,\"b\":\"x\"}"));
        assertEquals("93c0c3c2", msgpackOf("[null,true,false]"));
    }

    @Test
    void msgpackComesBackAsTheSameJson() throws Exception {
        String json = "{\"a\":[1,-2,0.25,\"s\",null,true],\"b\":{\"c\":{}}}";
        MsgPackWriter w = new MsgPackWriter();
        JsonValues.toMsgPack(JSON.readTree(json), w);
        assertEquals(JSON.readTree(json).toString(), JsonValues.fromValue(new MsgPackReader(w.toByteArray()).readValue()).toString());
    }
}
