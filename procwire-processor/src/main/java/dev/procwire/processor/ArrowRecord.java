package dev.procwire.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A record sent or received as an Arrow table, as {@link ArrowClassifier} understood it: its columns as a
 * column record (each component a whole column) and as a row record (each component a value of a
 * column), in component order (the order its canonical constructor takes them). Both mappings the record
 * has live in its one generated class, {@link #mappingName()}, whichever a service uses: so the class
 * depends on the record alone and is shared, like a value codec, by every service that sends the record
 * as a table — in this compilation and, once compiled, in any other.
 *
 * @param element the record
 * @param className the record's class
 * @param mappingName {@code <Record>_ProcwireArrow}, in the record's package, named as its codec is
 * @param accessibleEverywhere whether the record is public all the way out (so is its mapping class)
 * @param columns one per component, when the record is a column record; {@code null} when it cannot be one
 * @param rowColumns one per component, when the record is a row record; {@code null} when it cannot be one
 */
record ArrowRecord(TypeElement element, ClassName className, ClassName mappingName, boolean accessibleEverywhere,
        List<Column> columns, List<Column> rowColumns) {

    /**
     * One component and the column it is (of a column record), or the column it is a value of (of a row
     * record).
     *
     * @param component the component's name, which is its accessor's
     * @param name the column's name ({@code @WireName}, the record's {@code @WireNaming}, else the component's)
     * @param type the column's Java type
     */
    record Column(String component, String name, ArrowColumnType type) {}
}
