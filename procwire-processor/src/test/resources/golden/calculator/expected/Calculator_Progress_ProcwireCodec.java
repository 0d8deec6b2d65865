package golden.calculator;

import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Calculator.Progress} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Calculator_Progress_ProcwireCodec {
    private Calculator_Progress_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, Calculator.Progress value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(2);
        out.writeString("percent");
        out.writeLong(value.percent());
        out.writeString("stage");
        String stage = value.stage();
        if (stage == null) out.writeNil(); else out.writeString(stage);
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static Calculator.Progress read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int percent = 0;
        boolean hasPercent = false;
        String stage = null;
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "percent" -> {
                    percent = in.readInt();
                    hasPercent = true;
                }
                case "stage" -> stage = in.readNullableString();
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        if (!hasPercent) {
            throw new MsgPackException("missing Progress.percent (int)");
        }
        try {
            return new Calculator.Progress(percent, stage);
        } catch (Exception e) {
            throw MsgPackException.refusedBy("Progress", e);
        }
    }
}
