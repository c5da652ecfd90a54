package studio.nada.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** Keeps the core free of UI and console output (JabRef's CommonArchitectureTest, same idea). */
class ArchitectureTest {
    private static final String[] CORE = {"studio.nada.engine..", "studio.nada.nn..", "studio.nada.stylegan..",
        "studio.nada.clip..", "studio.nada.weights..", "studio.nada.nada..", "studio.nada.inversion..",
        "studio.nada.hub..", "studio.nada.export..", "studio.nada.toyworld.."};

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("studio.nada");

    @Test
    void coreNeverImportsJavaFxOrTheUi() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "studio.nada.ui..", "org.controlsfx..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void coreNeverDependsOnTheCommandLine() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("studio.nada.cli..", "picocli..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void nothingWritesToTheConsoleDirectly() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(CLASSES);
    }
}
