package org.twitchtriage.fhir.internal;

import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects what HAPI's parser finds wrong in a document (unknown elements, wrong JSON types, invalid values) as
 * messages naming the element, instead of logging them (HAPI's lenient default) or stopping at the first one (its
 * strict handler). Not thread-safe; one instance per parse.
 */
final class ParseProblems implements IParserErrorHandler {
    private final List<String> problems = new ArrayList<>();

    /** @return the problems, in the order found */
    List<String> problems() {
        return problems;
    }

    /** @return a HAPI message without its leading {@code HAPI-1234: } code */
    static String withoutHapiCode(String message) {
        return message == null ? "" : message.replaceFirst("^HAPI-\\d+: ", "");
    }

    @Override
    public void containedResourceWithNoId(IParseLocation location) {
        problems.add(at(location, "contained") + ": a contained resource has no id");
    }

    @Override
    public void incorrectJsonType(IParseLocation location, String element, ValueType expected,
                                  ScalarType expectedScalar, ValueType found, ScalarType foundScalar) {
        problems.add(at(location, element) + ": must be a JSON " + describe(expected, expectedScalar) + ", was a "
                + describe(found, foundScalar));
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        problems.add(at(location, null) + ": invalid value '" + value + "': " + withoutHapiCode(error));
    }

    @Override
    public void missingRequiredElement(IParseLocation location, String element) {
        problems.add(at(location, element) + ": is missing");
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String element) {
        problems.add(at(location, element) + ": appears more than once but may appear only once");
    }

    @Override
    public void unknownAttribute(IParseLocation location, String attribute) {
        problems.add(at(location, attribute) + ": unknown attribute");
    }

    @Override
    public void unknownElement(IParseLocation location, String element) {
        problems.add(at(location, element) + ": unknown element (not part of a FHIR R4 ConceptMap)");
    }

    @Override
    public void unknownReference(IParseLocation location, String reference) {
        // references do not occur in the elements of a ConceptMap twitch-triage reads
    }

    @Override
    public void invalidInternalReference(IParseLocation location, String reference) {
        problems.add(at(location, null) + ": invalid internal reference '" + reference + "'");
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        problems.add(at(location, "extension") + ": an extension has both a value and nested extensions");
    }

    private static String at(IParseLocation location, String element) {
        String parent = location == null ? null : location.getParentElementName();
        if (parent == null || parent.isBlank()) {
            return element == null ? "ConceptMap" : "ConceptMap." + element;
        }
        return element == null ? parent : parent + "." + element;
    }

    private static String describe(ValueType type, ScalarType scalar) {
        String t = type == null ? "value" : type.name().toLowerCase(Locale.ROOT);
        return scalar == null ? t : scalar.name().toLowerCase(Locale.ROOT) + " " + t;
    }
}
