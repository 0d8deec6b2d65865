package dev.procwire.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A record, POJO, enum or sealed type that travels as MsgPack, as the classifier understood it: its
 * properties and how to read and set each one, its constants, or its permitted subtypes. One instance
 * per class per compilation; its codec class ({@code <Name>_ProcwireCodec}, next to it) is shared by
 * every service that uses it.
 */
final class ValueClass {

    enum Kind {
        RECORD, POJO, ENUM,
        /** A sealed interface or abstract class: one of its {@link #subtypes()}, told apart by a discriminator. */
        SEALED
    }

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
     * @param name the record component, field or bean property name
     * @param wireName the map key ({@code @WireName}, a naming policy's, else {@code name})
     * @param type how its value travels
     * @param readAccess field or getter/accessor
     * @param readMember the field or method name
     * @param writeAccess how a reader sets it ({@link WriteAccess#NONE}: the key is skipped)
     * @param writeMember the setter or field name, when set that way
     */
    record Property(String name, String wireName, WireType type, ReadAccess readAccess, String readMember, WriteAccess writeAccess,
            String writeMember) {}

    /** An enum constant: its Java name and the string it travels as. */
    record Constant(String name, String wireName) {}

    /**
     * A concrete class a sealed type's value may be, however deeply permitted.
     *
     * @param valueClass its record or POJO
     * @param tag the discriminator's value for it
     */
    record Subtype(ValueClass valueClass, String tag) {}

    private final TypeElement element;
    private final ClassName className;
    private final ClassName codecName;
    private final Kind kind;
    private final List<TypeVariableName> typeVariables;
    private final boolean accessibleEverywhere;
    private List<Property> properties = List.of();
    private List<String> constructorOrder = List.of();
    private Construction construction = Construction.ALL_ARGS_CONSTRUCTOR;
    private List<Constant> enumConstants = List.of();
    private String discriminator;
    private List<Subtype> subtypes = List.of();
    private boolean tagged;
    private boolean taggedFromAnotherPackage;

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

    List<Constant> enumConstants() {
        return enumConstants;
    }

    /** A sealed type's discriminator key. */
    String discriminator() {
        return discriminator;
    }

    /** A sealed type's concrete subtypes, in permits order (depth first). */
    List<Subtype> subtypes() {
        return subtypes;
    }

    /**
     * Whether this record or POJO is permitted by a sealed type, so its codec also writes it with the
     * discriminator ({@code writeTagged}).
     */
    boolean tagged() {
        return tagged;
    }

    /**
     * Whether a sealed supertype is in another package (a named module allows it), whose codec then
     * calls this codec's {@code writeTagged} from there: only then is that method public.
     */
    boolean taggedFromAnotherPackage() {
        return taggedFromAnotherPackage;
    }

    void setTaggedFromAnotherPackage(boolean b) {
        this.taggedFromAnotherPackage = b;
    }

    void setTagged(boolean tagged) {
        this.tagged = tagged;
    }

    void setSubtypes(String discriminator, List<Subtype> subtypes) {
        this.discriminator = discriminator;
        this.subtypes = List.copyOf(subtypes);
    }

    void setProperties(List<Property> properties, Construction construction, List<String> constructorOrder) {
        this.properties = List.copyOf(properties);
        this.construction = construction;
        this.constructorOrder = List.copyOf(constructorOrder);
    }

    void setEnumConstants(List<Constant> constants) {
        this.enumConstants = List.copyOf(constants);
    }

    @Override
    public String toString() {
        return className.canonicalName();
    }
}
