package golden.drawing;

import dev.procwire.api.NamingPolicy;
import dev.procwire.api.WireName;
import dev.procwire.api.WireNaming;

@WireNaming(NamingPolicy.SNAKE_CASE)
public enum Stage {
    DRAFT, IN_REVIEW, @WireName("done!") PUBLISHED
}
