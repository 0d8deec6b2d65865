package golden.drawing;

import dev.procwire.api.WireName;

@WireName("circle")
public record Circle(@WireName("r") double radius, Stage stage) implements Shape {}
