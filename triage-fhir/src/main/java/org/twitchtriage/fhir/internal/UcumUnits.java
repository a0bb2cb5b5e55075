package org.twitchtriage.fhir.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.fhir.ucum.Component;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.ExpressionParser;
import org.fhir.ucum.Symbol;
import org.fhir.ucum.Term;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;
import org.fhir.ucum.UcumService;
import org.twitchtriage.model.Analyte;

/**
 * Converts a serum electrolyte concentration in any UCUM unit of the right dimension to mmol/L, through the FHIR UCUM
 * library ({@code org.fhir:ucum}) and its bundled UCUM essence: amount of substance per volume ({@code umol/L},
 * {@code mmol/dL}, ...) directly; equivalents per volume ({@code meq/L}) through the analyte's charge, since UCUM
 * counts one equivalent as one mole; mass per volume ({@code mg/L}, {@code g/dL}, ...) through the analyte's molar
 * mass ({@link Analyte#molarMass()}). Anything else (an arbitrary unit such as {@code [iU]/L}, osmoles, a count per
 * volume such as {@code 10*9/L}, a unit per mass) is refused with the reason. Thread-safe: the UCUM model is read once
 * and only read afterwards.
 */
final class UcumUnits {
    /** The converted value, or why there is none. @param mmolPerL the value, or {@code null} @param problem why not */
    record Conversion(BigDecimal mmolPerL, String problem) {
        boolean ok() {
            return mmolPerL != null;
        }
    }

    /** What the unit measures, by the UCUM atom that carries the substance. */
    private enum Measure { MOLES, EQUIVALENTS, MASS, OTHER }

    private static final UcumService UCUM = load();
    /** Digits kept after converting; far finer than any laboratory reports. */
    private static final int SCALE = 4;

    private UcumUnits() {
    }

    private static UcumService load() {
        try (InputStream in = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
            if (in == null) {
                throw new IllegalStateException("ucum-essence.xml is missing from the org.fhir:ucum jar");
            }
            return new UcumEssenceService(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UcumException e) {
            throw new IllegalStateException("the UCUM essence does not load", e);
        }
    }

    /**
     * @param value   the value as reported
     * @param unit    its UCUM code
     * @param analyte what was measured (molar mass and charge)
     * @return the value in mmol/L, or the reason it cannot be converted
     */
    static Conversion toMmolPerL(BigDecimal value, String unit, Analyte analyte) {
        String invalid = UCUM.validate(unit);
        if (invalid != null) {
            return new Conversion(null, "'" + unit + "' is not a valid UCUM unit");
        }
        try {
            Measure measure = measure(unit);
            Decimal v = new Decimal(value.toPlainString());
            BigDecimal out = switch (measure) {
                case MOLES -> comparable(unit, "mmol/L") ? big(UCUM.convert(v, unit, "mmol/L")) : null;
                case EQUIVALENTS -> comparable(unit, "meq/L") ? big(UCUM.convert(v, unit, "meq/L"))
                        .divide(BigDecimal.valueOf(analyte.charge()), MathContext.DECIMAL64) : null;
                // mg/L divided by g/mol is mmol/L
                case MASS -> comparable(unit, "mg/L") ? big(UCUM.convert(v, unit, "mg/L"))
                        .divide(analyte.molarMass(), MathContext.DECIMAL64) : null;
                case OTHER -> null;
            };
            if (out == null) {
                return new Conversion(null, "'" + unit + "' is not an amount, equivalents or mass of substance per "
                        + "volume, so it cannot be converted to mmol/L");
            }
            return new Conversion(out.setScale(SCALE, RoundingMode.HALF_UP).stripTrailingZeros(), null);
        } catch (UcumException | NumberFormatException | ArithmeticException e) {
            return new Conversion(null, "'" + unit + "' could not be converted to mmol/L");
        }
    }

    private static boolean comparable(String unit, String target) throws UcumException {
        return UCUM.isComparable(unit, target);
    }

    private static BigDecimal big(Decimal d) {
        return new BigDecimal(d.asDecimal());
    }

    /** @return what the unit measures: exactly one substance atom (mol, eq or a mass) must appear */
    private static Measure measure(String unit) throws UcumException {
        List<Symbol> symbols = new ArrayList<>();
        collect(new ExpressionParser(UCUM.getModel()).parse(unit), symbols);
        List<Measure> found = new ArrayList<>();
        for (Symbol s : symbols) {
            String code = s.getUnit().getCode();
            if ("mol".equals(code)) {
                found.add(Measure.MOLES);
            } else if ("eq".equals(code)) {
                found.add(Measure.EQUIVALENTS);
            } else if ("mass".equals(s.getUnit().getProperty())) {
                found.add(Measure.MASS);
            }
        }
        return found.size() == 1 ? found.get(0) : Measure.OTHER;
    }

    private static void collect(Component c, List<Symbol> out) {
        if (c instanceof Symbol s) {
            out.add(s);
        } else if (c instanceof Term t) {
            if (t.hasComp()) {
                collect(t.getComp(), out);
            }
            if (t.hasTerm()) {
                collect(t.getTerm(), out);
            }
        }
    }
}
