package golden.drawing;

import dev.procwire.api.NamingPolicy;
import dev.procwire.api.WireNaming;
import java.util.List;

/** A recursive member of the hierarchy. */
@WireNaming(NamingPolicy.SNAKE_CASE)
public record Group(String groupName, List<Shape> children) implements Shape {}
