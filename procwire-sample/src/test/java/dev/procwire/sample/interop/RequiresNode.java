package dev.procwire.sample.interop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks tests that run the real Node packages. Without {@code node} or {@code procwire-sample/node_modules}
 * they are skipped with the reason, except when {@code CI=true}: then they fail, so a CI run can never
 * pass by skipping them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NodeRequirement.class)
@interface RequiresNode {}
