package golden.drawing;

/** Two levels of sealed types: a leaf's discriminator value comes from the type that permits it. */
public sealed interface Shape permits Circle, Polygon, Group {}
