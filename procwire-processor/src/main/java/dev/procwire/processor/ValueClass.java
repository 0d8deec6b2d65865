package dev.procwire.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A record, POJO or enum that travels as MsgPack, as the classifier understood it: its properties and
 * how to read and set each one. One instance per class per compilation; its codec class
 * ({@code <Name>_ProcwireCodec}, next to it) is shared by every service that uses it.
 */
final class ValueClass {

    enum Kind { RECORD, POJO, ENUM }

    /** How a reader builds an instance. */
    enum Construction {
        /** Reads every property into a local, then calls the constructor taking them all (records too). */
        ALL_ARGS_CONSTRUCTOR,
        /** Calls the no-argument constructor, then sets each property present in the payload. */
        NO_ARG_CONSTRUCTOR
    }

    /** How generated code gets a property's value. */
    enum ReadAccess { FIELD, METHOD }

    /** How generated code sets a property. */
    enum WriteAccess { CONSTRUCTOR, SETTER, FIELD, NONE }

    /**
     * One property, written as the map entry {@code name: value}.
     *
     * @param name the map key (the record component, field or bean property name)
     * @param type how its value travels
     * @param readAccess field or getter/accessor
     * @param readMember the field or method name
     * @param writeAccess how a reader sets it ({@link WriteAccess#NONE}: the key is skipped)
     * @param writeMember the setter or field name, when set that way
     */
    record Property(String name, WireType type, ReadAccess readAccess, String readMember, WriteAccess writeAccess,
            String writeMember) {}

    private final TypeElement element;
    private final ClassName className;
    private final ClassName codecName;
    private final Kind kind;
    private final List<TypeVariableName> typeVariables;
    private final boolean accessibleEverywhere;
    private List<Property> properties = List.of();
    private List<String> constructorOrder = List.of();
    private Construction construction = Construction.ALL_ARGS_CONSTRUCTOR;
    private List<String> enumConstants = List.of();

    ValueClass(TypeElement element, Kind kind, List<TypeVariableName> typeVariables, boolean accessibleEverywhere) {
        this.element = element;
        this.className = ClassName.get(element);
        this.codecName = Names.peerClass(className, "_ProcwireCodec");
        this.kind = kind;
        this.typeVariables = List.copyOf(typeVariables);
        this.accessibleEverywhere = accessibleEverywhere;
    }

    TypeElement element() {
        return element;
    }

    ClassName className() {
        return className;
    }

    /** {@code <Outer_Inner>_ProcwireCodec} in the value class's package. */
    ClassName codecName() {
        return codecName;
    }

    Kind kind() {
        return kind;
    }

    /** The class's type parameters, with their bounds; the codec takes one encoder or decoder per each. */
    List<TypeVariableName> typeVariables() {
        return typeVariables;
    }

    /** Whether code in any package may use the class (so its codec class is public). */
    boolean accessibleEverywhere() {
        return accessibleEverywhere;
    }

    List<Property> properties() {
        return properties;
    }

    /** Property names in the order the all-arguments constructor takes them. */
    List<String> constructorOrder() {
        return constructorOrder;
    }

    Construction construction() {
        return construction;
    }

    List<String> enumConstants() {
        return enumConstants;
    }

    void setProperties(List<Property> properties, Construction construction, List<String> constructorOrder) {
        this.properties = List.copyOf(properties);
        this.construction = construction;
        this.constructorOrder = List.copyOf(constructorOrder);
    }

    void setEnumConstants(List<String> constants) {
        this.enumConstants = List.copyOf(constants);
    }

    @Override
    public String toString() {
        return className.canonicalName();
    }
}
