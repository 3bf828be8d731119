package org.sild.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The dependency rules of DESIGN.md as ArchUnit rules over a package root, so the same rules run
 * on Sild's classes ({@code org.sild}) and on deliberately broken fixtures that prove they bite.
 *
 * <p>Modules are the packages directly under the root: {@code core}, {@code runtime}, the products
 * ({@code securityserver}, {@code centralserver}, {@code configurationproxy}, {@code trustservices})
 * and {@code cli}. Dependencies point one way: core ← runtime ← products ← cli.
 */
final class ArchitectureRules {

    static final List<String> PRODUCTS = List.of("securityserver", "centralserver", "configurationproxy",
            "trustservices");
    static final List<String> MODULES;

    static {
        var all = new ArrayList<String>(List.of("core", "runtime", "cli", "testing", "e2e"));
        all.addAll(PRODUCTS);
        MODULES = List.copyOf(all);
    }

    private ArchitectureRules() {
    }

    static List<ArchRule> all(String root) {
        var rules = new ArrayList<ArchRule>();
        rules.add(layers(root));
        rules.add(coreIsSelfContained(root));
        rules.add(noPackageCycles(root));
        rules.addAll(internalPackagesStayInTheirModule(root));
        rules.add(noBouncyCastleInPublicCoreApi(root));
        return rules;
    }

    /** core ← runtime ← products ← cli; products do not use each other. */
    static ArchRule layers(String root) {
        var arch = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("core").definedBy(root + ".core..")
                .layer("runtime").definedBy(root + ".runtime..")
                .layer("cli").definedBy(root + ".cli..");
        for (String product : PRODUCTS) {
            arch = arch.layer(product).definedBy(root + "." + product + "..");
        }
        arch = arch.whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("runtime").mayOnlyBeAccessedByLayers(withCli(PRODUCTS))
                .whereLayer("core").mayOnlyBeAccessedByLayers(withCli(concat("runtime", PRODUCTS)));
        for (String product : PRODUCTS) {
            arch = arch.whereLayer(product).mayOnlyBeAccessedByLayers("cli");
        }
        return arch.because("dependencies point one way: core <- runtime <- products <- cli (DESIGN.md)");
    }

    /** The pure library depends on no other module of ours. */
    static ArchRule coreIsSelfContained(String root) {
        return noClasses().that().resideInAPackage(root + ".core..")
                .should().dependOnClassesThat(inOtherModuleThan(root, "core"))
                .because("sild-core is the pure protocol library every other module builds on");
    }

    /** No cycles between packages anywhere. */
    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .because("packages are features with a one-way dependency order");
    }

    /** A package named {@code internal} is used only inside its own module. */
    static List<ArchRule> internalPackagesStayInTheirModule(String root) {
        var rules = new ArrayList<ArchRule>();
        for (String module : MODULES) {
            rules.add(noClasses().that().resideOutsideOfPackage(root + "." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage(root + "." + module + "..internal..")
                    .allowEmptyShould(true)
                    .because("internal packages of " + module + " are not part of its API"));
        }
        return rules;
    }

    /** Public methods of public core types take and return no Bouncy Castle types. */
    static ArchRule noBouncyCastleInPublicCoreApi(String root) {
        return methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAPackage(root + ".core..")
                .should(new ArchCondition<JavaMethod>("not expose Bouncy Castle types") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        var types = new ArrayList<JavaClass>(method.getRawParameterTypes());
                        types.add(method.getRawReturnType());
                        for (JavaClass type : types) {
                            if (type.getPackageName().startsWith("org.bouncycastle")) {
                                events.add(SimpleConditionEvent.violated(method,
                                        method.getFullName() + " exposes " + type.getName()));
                            }
                        }
                    }
                })
                .allowEmptyShould(true)
                .because("our public types never expose Bouncy Castle types (DESIGN.md)");
    }

    private static DescribedPredicate<JavaClass> inOtherModuleThan(String root, String module) {
        return DescribedPredicate.describe("are in another module of " + root + " than " + module,
                c -> c.getPackageName().startsWith(root + ".") && !c.getPackageName().startsWith(root + "." + module));
    }

    private static String[] withCli(List<String> layers) {
        var all = new ArrayList<String>(layers);
        all.add("cli");
        return all.toArray(String[]::new);
    }

    private static List<String> concat(String first, List<String> rest) {
        var all = new ArrayList<String>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
