package dev.pingkit.lab;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * **Marks a test (class or method) that runs against the namespace lab.**
 *
 * <p>Tags it {@code lab} and brings the lab up once per JVM through {@link LabExtension}; where the machine
 * cannot host the lab (not root, no network namespaces) the test is skipped with the reason, or fails when
 * {@code CI=true}. Commands go to the lab through {@link Lab#run}.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("lab")
@ExtendWith(LabExtension.class)
public @interface LabTest {
}
