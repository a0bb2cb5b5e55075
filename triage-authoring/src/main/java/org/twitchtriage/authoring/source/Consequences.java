package org.twitchtriage.authoring.source;

import com.github.javaparser.ParseProblemException;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.twitchtriage.model.FindingCode;

/**
 * Reads the findings a rule's consequence concludes: the Java after {@code then}, parsed with JavaParser (as the
 * executable model compiles it), for every {@code FindingCode.X} it names and every {@code Conclusion.reassurance(...)}
 * it makes. Stateless.
 */
final class Consequences {
    private static final Set<String> CODES = Set.copyOf(Arrays.stream(FindingCode.values()).map(Enum::name).toList());

    private Consequences() {
    }

    /**
     * @param consequence the Java of a consequence
     * @return the codes it names, in order, without repeats, then the reassurance's code when it reassures; empty
     *         when it is not Java (the compiler reports that)
     */
    static List<FindingCode> conclusions(String consequence) {
        BlockStmt block;
        try {
            block = StaticJavaParser.parseBlock("{" + consequence + "\n}");
        } catch (ParseProblemException e) {
            return List.of();
        }
        Set<FindingCode> codes = new LinkedHashSet<>();
        block.findAll(FieldAccessExpr.class).stream()
                .filter(f -> isName(f.getScope(), "FindingCode") && CODES.contains(f.getNameAsString()))
                .forEach(f -> codes.add(FindingCode.valueOf(f.getNameAsString())));
        boolean reassures = block.findAll(MethodCallExpr.class).stream().anyMatch(m -> m.getNameAsString()
                .equals("reassurance") && m.getScope().filter(s -> isName(s, "Conclusion")).isPresent());
        if (reassures) {
            codes.add(FindingCode.USUALLY_HARMLESS);
        }
        return List.copyOf(codes);
    }

    private static boolean isName(Expression e, String name) {
        return e instanceof NameExpr n && n.getNameAsString().equals(name)
                || e instanceof FieldAccessExpr f && f.getNameAsString().equals(name);
    }
}
