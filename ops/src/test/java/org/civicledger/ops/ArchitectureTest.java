package org.civicledger.ops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.base.DescribedPredicate;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of DESIGN.md, checked on the compiled classes of every module:
 * events ← command-side, projections ← query-side ← ops; nothing depends on ops; no Spring in
 * the contract or in aggregates.
 */
class ArchitectureTest {

    private static JavaClasses ledger;

    @BeforeAll
    static void importLedger() {
        ledger = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.civicledger");
    }

    @Test
    void every_module_is_imported_so_the_rules_below_check_something() {
        for (String module : new String[] {"events", "command", "projections", "query", "ops"}) {
            boolean present = ledger.stream().anyMatch(c -> c.getPackageName().startsWith("org.civicledger." + module));
            org.assertj.core.api.Assertions.assertThat(present).as("classes of module " + module).isTrue();
        }
    }

    @Test
    void the_event_contract_depends_on_nothing_of_ours_and_on_no_spring() {
        classes().that().resideInAPackage("org.civicledger.events..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "org.civicledger.events..", "java..", "javax.crypto..", "org.axonframework.modelling.command..",
                        "org.axonframework.serialization..", "com.fasterxml.jackson.annotation..",
                        // The upcasters live beside the events they read (EventUpcasters) and rewrite stored JSON as a tree.
                        "com.fasterxml.jackson.databind..")
                .check(ledger);
    }

    @Test
    void the_command_side_depends_only_on_the_contract() {
        noClasses().that().resideInAPackage("org.civicledger.command..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.civicledger.projections..", "org.civicledger.query..", "org.civicledger.ops..")
                .check(ledger);
    }

    @Test
    void projections_depend_only_on_the_contract() {
        noClasses().that().resideInAPackage("org.civicledger.projections..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.civicledger.command..", "org.civicledger.query..", "org.civicledger.ops..")
                .check(ledger);
    }

    @Test
    void the_query_side_depends_on_the_contract_and_the_projections_only() {
        noClasses().that().resideInAPackage("org.civicledger.query..")
                .should().dependOnClassesThat().resideInAnyPackage("org.civicledger.command..", "org.civicledger.ops..")
                .check(ledger);
    }

    @Test
    void nothing_depends_on_the_assembly() {
        noClasses().that().resideOutsideOfPackage("org.civicledger.ops..")
                .should().dependOnClassesThat().resideInAPackage("org.civicledger.ops..")
                .check(ledger);
    }

    @Test
    void aggregates_are_plain_classes_without_spring() {
        DescribedPredicate<JavaClass> aggregates = new DescribedPredicate<>("are aggregates") {
            @Override
            public boolean test(JavaClass javaClass) {
                return javaClass.getAllFields().stream().anyMatch(field -> field.isAnnotatedWith(AggregateIdentifier.class));
            }
        };
        ArchCondition<JavaClass> noSpring = new ArchCondition<>("not depend on Spring") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                javaClass.getDirectDependenciesFromSelf().stream()
                        .filter(dependency -> dependency.getTargetClass().getPackageName().startsWith("org.springframework")
                                || dependency.getTargetClass().getPackageName().startsWith("org.axonframework.spring"))
                        .forEach(dependency -> events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription())));
            }
        };
        classes().that(aggregates).should(noSpring).check(ledger);
        org.assertj.core.api.Assertions.assertThat(ledger.stream().filter(aggregates).count())
                .as("aggregates found").isGreaterThanOrEqualTo(4);
    }

    @Test
    void xstream_is_not_on_the_classpath() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Class.forName("com.thoughtworks.xstream.XStream"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
