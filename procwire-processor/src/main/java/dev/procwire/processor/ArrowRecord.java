package dev.procwire.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A record one service sends or receives as an Arrow table, as {@link ArrowClassifier} understood it:
 * its columns, in component order (the order its canonical constructor takes them). The same record may
 * be mapped twice by one service, by its columns and by its rows, each with columns of its own; both
 * mappings live in one generated class, {@link #mappingName()}.
 *
 * @param element the record
 * @param className the record's class
 * @param mappingName {@code <Service>_<Record>_ProcwireArrow}, in the record's package
 * @param accessibleEverywhere whether the record is public all the way out (so is its mapping class)
 * @param columns one per component
 */
record ArrowRecord(TypeElement element, ClassName className, ClassName mappingName, boolean accessibleEverywhere,
        List<Column> columns) {

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
