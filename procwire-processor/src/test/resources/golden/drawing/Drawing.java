package golden.drawing;

import dev.procwire.api.NamingPolicy;
import dev.procwire.api.ProcwireMethod;
import dev.procwire.api.ProcwireService;
import dev.procwire.api.WireName;
import dev.procwire.api.WireNaming;
import java.util.List;

/** Wire names (an annotation, a naming policy on a type and on the service) and a sealed hierarchy. */
@ProcwireService
@WireNaming(NamingPolicy.SNAKE_CASE)
public class Drawing {
    @ProcwireMethod
    public List<Shape> layer(List<Shape> shapes, int layerIndex, @WireName("z") double depth) {
        return shapes;
    }

    @ProcwireMethod
    public Shape largest(Canvas canvas) {
        return null;
    }

    @ProcwireMethod
    public Stage stage(Stage stage) {
        return stage;
    }
}
