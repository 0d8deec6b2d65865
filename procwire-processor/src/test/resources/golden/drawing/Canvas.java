package golden.drawing;

import dev.procwire.api.Discriminator;

/** A sealed type with its own discriminator key, whose subtype is also a member of another. */
@Discriminator("kind")
public sealed interface Canvas permits Canvas.Blank, Canvas.Framed {
    record Blank(int width, int height) implements Canvas {}

    record Framed(Shape frame) implements Canvas {}
}
