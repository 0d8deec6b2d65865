package golden.drawing;

import dev.procwire.api.NamingPolicy;
import dev.procwire.api.WireNaming;
import java.util.List;

/** A sealed abstract class between the interface and its leaves, naming them by a policy. */
@WireNaming(NamingPolicy.KEBAB_CASE)
public abstract sealed class Polygon implements Shape permits Polygon.RightTriangle, Polygon.Square {
    public double[] xs;

    public static final class RightTriangle extends Polygon {
        public double legA;
    }

    public static final class Square extends Polygon {
        public double sideLength;
    }
}
