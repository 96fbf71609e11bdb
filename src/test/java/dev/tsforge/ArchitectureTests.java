package dev.tsforge;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.RestController;

/**
 * The package rules of DESIGN.md, checked on the production classes: a rule broken by a change fails the build
 * instead of waiting for a reviewer to notice it.
 */
@AnalyzeClasses(packages = "dev.tsforge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    private static final Pattern FEATURE = Pattern.compile("dev\\.tsforge\\.([^.]+)(\\..*)?");

    /** The rest of the code sees plain Java through {@code model}'s interfaces, and {@code runtime}'s backend facts. */
    @ArchTest
    static final ArchRule deepLearningStaysInModelAndRuntime = noClasses()
            .that().resideOutsideOfPackages("dev.tsforge.model..", "dev.tsforge.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..", "org.bytedeco..")
            .because("DL4J, ND4J and JavaCPP are model's and runtime's business; the rest sees plain Java");

    /** Data goes one way; a cycle between features means one of them reaches back up the chain. */
    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices()
            .matching("dev.tsforge.(*)..").namingSlices("$1")
            .should().beFreeOfCycles();

    /**
     * A feature's {@code internal} packages are its own: others go through its public API ({@code model}'s spec,
     * trainer, loader, predictor and outcome).
     */
    @ArchTest
    static final ArchRule internalsStayInsideTheirFeature = classes()
            .that().resideInAPackage("dev.tsforge..internal..")
            .should(onlyBeUsedFromTheirOwnFeature());

    /** The model's API is plain Java: the engine is behind it, in its internal packages. */
    @ArchTest
    static final ArchRule theModelApiIsPlainJava = noClasses()
            .that().resideInAPackage("dev.tsforge.model")
            .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..", "org.bytedeco..")
            .because("callers of the model API see specs, predictors and outcomes, never the engine");

    /** The web layer is the top: nothing below it may call a controller. */
    @ArchTest
    static final ArchRule controllersAreReachedOnlyFromTheWebLayer = noClasses()
            .that().resideOutsideOfPackage("..web..")
            .should().dependOnClassesThat(describe("are @RestController classes in a web package",
                    (JavaClass target) -> target.getPackageName().matches(".*\\.web(\\..*)?")
                            && target.isAnnotatedWith(RestController.class)))
            .because("controllers sit on top: they call the features, never the other way round");

    private static ArchCondition<JavaClass> onlyBeUsedFromTheirOwnFeature() {
        return new ArchCondition<>("only be used from their own feature") {
            @Override
            public void check(JavaClass internal, ConditionEvents events) {
                String owner = feature(internal).orElseThrow();
                for (Dependency dependency : internal.getDirectDependenciesToSelf()) {
                    JavaClass origin = dependency.getOriginClass();
                    if (!feature(origin).filter(owner::equals).isPresent()) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + ", from outside feature " + owner));
                    }
                }
            }
        };
    }

    /** {@code series} for {@code dev.tsforge.series.web}; empty for classes outside the features. */
    private static Optional<String> feature(JavaClass javaClass) {
        Matcher matcher = FEATURE.matcher(javaClass.getPackageName());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
